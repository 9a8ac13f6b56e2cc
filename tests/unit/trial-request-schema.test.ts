// The trial-request form schema: required fields, normalization, limits, checkbox and honeypot (R3, R10, R11).
import { describe, expect, it } from "vitest";
import { trialRequestFormSchema, trialRequestTokenSchema } from "../../src/domain/leads/trial-request-schema.ts";

const valid = {
  name: "  Ana Kim ",
  email: " Ana.Kim@Contoso.COM ",
  company: "Contoso",
  companySize: "50-249",
  country: "kr",
  services: "mail",
  seats: "25",
  message: "We'd like to try it.",
  website: "",
};

const fieldsOf = (input: Record<string, unknown>) => {
  const result = trialRequestFormSchema.safeParse(input);
  if (result.success) return {};
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues) (fields[String(issue.path[0])] ??= []).push(issue.message);
  return fields;
};

describe("trialRequestFormSchema", () => {
  it("normalizes a valid form as the browser sends it", () => {
    const data = trialRequestFormSchema.parse(valid);
    expect(data).toEqual({
      name: "Ana Kim",
      email: "ana.kim@contoso.com",
      company: "Contoso",
      companySize: "50-249",
      country: "KR",
      services: ["mail"],
      seats: 25,
      message: "We'd like to try it.",
      wantsDelegatedAdmin: false,
      website: "",
    });
  });

  it("reads the delegated-admin checkbox (R3 is checked by the service) and de-duplicates services", () => {
    const data = trialRequestFormSchema.parse({ ...valid, wantsDelegatedAdmin: "on", services: ["mail", "teams", "mail"] });
    expect(data.wantsDelegatedAdmin).toBe(true);
    expect(data.services).toEqual(["mail", "teams"]);
  });

  it("reports every missing field with its own message", () => {
    expect(fieldsOf({})).toEqual({
      name: ["leads.trial.error.nameRequired"],
      email: ["leads.trial.error.emailInvalid"],
      company: ["leads.trial.error.companyRequired"],
      companySize: ["leads.trial.error.companySizeInvalid"],
      country: ["leads.trial.error.countryInvalid"],
      services: ["leads.trial.error.servicesRequired"],
      seats: ["leads.trial.error.seatsInvalid"],
    });
  });

  it("refuses bad values", () => {
    expect(fieldsOf({ ...valid, email: "not-an-email" })).toHaveProperty("email");
    expect(fieldsOf({ ...valid, companySize: "huge" })).toHaveProperty("companySize");
    expect(fieldsOf({ ...valid, country: "Korea" })).toHaveProperty("country");
    expect(fieldsOf({ ...valid, services: [] })).toHaveProperty("services");
    expect(fieldsOf({ ...valid, services: ["<script>"] })).toHaveProperty("services");
    for (const seats of ["0", "100001", "2.5", "many", "-3"]) expect(fieldsOf({ ...valid, seats })).toHaveProperty("seats");
    expect(fieldsOf({ ...valid, seats: "100000" })).toEqual({});
  });

  it("limits the message to 2000 characters", () => {
    expect(fieldsOf({ ...valid, message: "x".repeat(2000) })).toEqual({});
    expect(fieldsOf({ ...valid, message: "x".repeat(2001) })).toEqual({ message: ["leads.trial.error.messageTooLong"] });
  });

  it("accepts any two-letter country, sovereign ones included (R11 is the service's answer, not a field error)", () => {
    expect(trialRequestFormSchema.parse({ ...valid, country: "cn" }).country).toBe("CN");
    expect(trialRequestFormSchema.parse({ ...valid, country: "BR" }).country).toBe("BR");
  });

  it("passes the honeypot through for the service to judge", () => {
    expect(trialRequestFormSchema.parse({ ...valid, website: "http://spam.example" }).website).toBe("http://spam.example");
    expect(trialRequestFormSchema.parse({ ...valid, website: undefined }).website).toBe("");
  });
});

describe("trialRequestTokenSchema", () => {
  it("accepts base32 tokens only", () => {
    expect(trialRequestTokenSchema.safeParse("abcdefghijklmnopqrstuvwxyz234567").success).toBe(true);
    expect(trialRequestTokenSchema.safeParse("short").success).toBe(false);
    expect(trialRequestTokenSchema.safeParse("' or 1=1 --aaaaaaaaaaaaaaaaaaaaa").success).toBe(false);
  });
});
