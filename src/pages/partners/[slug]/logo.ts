// A listed partner's logo (public; 404 unless the listing is public, R1). One URL for both locales.
import type { APIRoute } from "astro";
import { publicLogoGet } from "../../../components/editor/logo-route.ts";

export const GET: APIRoute = (ctx) => publicLogoGet(ctx);
