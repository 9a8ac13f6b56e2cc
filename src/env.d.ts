/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Filled by the middleware from the session cookie; pages authorize with it themselves. */
    user: import("./domain/auth/sessions.ts").SessionUser | null;
    session: import("./domain/auth/sessions.ts").Session | null;
  }
}
