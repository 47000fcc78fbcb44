import { z } from "zod";

export const teamInputSchema = z.strictObject({
  name: z.string().trim().min(2, "tooShort").max(80, "tooLong"),
});
