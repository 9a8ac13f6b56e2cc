// The session cookie: HttpOnly, SameSite=Lax; Secure with the __Host- prefix in production.
import type { AstroCookies } from "astro";

export function sessionCookieName(production: boolean): string {
  return production ? "__Host-session" : "session";
}

export function setSessionCookie(cookies: AstroCookies, token: string, expiresAt: Date, production: boolean): void {
  cookies.set(sessionCookieName(production), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: production,
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(cookies: AstroCookies, production: boolean): void {
  cookies.set(sessionCookieName(production), "", { httpOnly: true, sameSite: "lax", secure: production, path: "/", maxAge: 0 });
}
