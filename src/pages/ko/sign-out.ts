// Sign out (Korean): POST only, since a GET must never change state.
import type { APIRoute } from "astro";
import { handleSignOut } from "../../components/auth/handlers.ts";

export const POST: APIRoute = (ctx) => handleSignOut(ctx, "ko");

export const GET: APIRoute = () => new Response("Method Not Allowed", { status: 405, headers: { allow: "POST" } });
