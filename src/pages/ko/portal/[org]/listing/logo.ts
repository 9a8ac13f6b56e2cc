// The organization's logo (ko): GET for members' thumbnails, POST to upload or remove.
import type { APIRoute } from "astro";
import { ownLogoGet, ownLogoPost } from "../../../../../components/editor/logo-route.ts";

export const GET: APIRoute = (ctx) => ownLogoGet(ctx);
export const POST: APIRoute = (ctx) => ownLogoPost(ctx, "ko");
