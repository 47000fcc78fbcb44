import { z } from "zod";
import { textSchema } from "../schemas-common";

export const teamInputSchema = z.strictObject({
  name: textSchema().trim().min(2, "tooShort").max(80, "tooLong"),
});
