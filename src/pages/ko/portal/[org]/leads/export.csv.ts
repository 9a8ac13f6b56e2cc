// CSV export of an organization's filtered leads (ko headers and labels); handling lives in components/leads/inbox-routes.ts.
import type { APIRoute } from "astro";
import { leadCsvRoute } from "../../../../../components/leads/inbox-routes.ts";

export const GET: APIRoute = (ctx) => leadCsvRoute(ctx, "ko");
