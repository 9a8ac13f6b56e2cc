// Input schemas of the partner portal (members, invitations, agreement, programs): one per input, shared by forms and tests.
import { z } from "zod";
import { PROGRAMS } from "../catalog/vocabulary.ts";
import { PARTNER_ROLES } from "./permissions.ts";

export const PROGRAM_IDS = PROGRAMS.map((p) => p.id) as [
  (typeof PROGRAMS)[number]["id"],
  ...Array<(typeof PROGRAMS)[number]["id"]>,
];
export type ProgramId = (typeof PROGRAMS)[number]["id"];

const role = z.enum(PARTNER_ROLES, { error: "portal.error.role" });
const userId = z.uuid({ error: "portal.error.invalidRequest" });

export const inviteMemberSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "portal.invite.error.email" }).max(254, { error: "portal.invite.error.email" })),
  role,
});
export type InviteMemberInput = z.input<typeof inviteMemberSchema>;

export const changeRoleSchema = z.object({ userId, role });
export type ChangeRoleInput = z.input<typeof changeRoleSchema>;

export const removeMemberSchema = z.object({ userId });
export type RemoveMemberInput = z.input<typeof removeMemberSchema>;

export const revokeInvitationSchema = z.object({ invitationId: z.uuid({ error: "portal.error.invalidRequest" }) });
export type RevokeInvitationInput = z.input<typeof revokeInvitationSchema>;

/** The agreement checkbox must be ticked: signing is an explicit act (R1). */
export const signAgreementSchema = z.object({
  accept: z.preprocess(
    (v) => v === true || v === "on" || v === "true" || v === "1",
    z.literal(true, { error: "portal.agreement.error.accept" }),
  ),
});
export type SignAgreementInput = z.input<typeof signAgreementSchema>;

export const submitProgramSchema = z.object({ program: z.enum(PROGRAM_IDS, { error: "portal.error.invalidRequest" }) });
export type SubmitProgramInput = z.input<typeof submitProgramSchema>;

/** Invitation tokens are 32 base32 characters; anything else is refused before touching the database. */
export const invitationTokenSchema = z.string().regex(/^[a-z2-7]{20,64}$/);
