// The session id (UserSession.id) travels in the JWT beside the user id and sessionVersion.
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    sid?: string;
  }
  interface User {
    sid: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
