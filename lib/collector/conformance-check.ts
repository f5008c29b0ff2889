// Checks sampled record values against a topic's JSON Schema contract. One compiled validator per
// contract version: compiling is the expensive part (milliseconds), validating a record is not.
import type { ErrorObject, ValidateFunction } from "ajv";
import { createAjv } from "@/lib/validation/json-schema";

export type ContractSchema = { topic: string; version: number; valueSchema: unknown };

export type CheckOutcome = { ok: true } | { ok: false; pointer: string; message: string };

/** A contract's compiled validator, or the reason it could not be compiled (then nothing is checked). */
export type CompiledContract = { topic: string; version: number; validate: ValidateFunction | null };

/** Compiles once per (topic, version); pass the previous map back in to reuse what is unchanged. */
export function compileContracts(contracts: ContractSchema[], previous: Map<string, CompiledContract>): Map<string, CompiledContract> {
  const compiled = new Map<string, CompiledContract>();
  for (const contract of contracts) {
    const known = previous.get(contract.topic);
    if (known && known.version === contract.version) {
      compiled.set(contract.topic, known);
      continue;
    }
    let validate: ValidateFunction | null = null;
    try {
      validate = createAjv(contract.valueSchema).compile(contract.valueSchema as object);
    } catch {
      validate = null; // the catalog refuses unusable schemas on save; an old one is simply not checked
    }
    compiled.set(contract.topic, { topic: contract.topic, version: contract.version, validate });
  }
  return compiled;
}

/** A record value against the validator: values that are not JSON are violations with their reason. */
export function checkValue(validate: ValidateFunction, value: Buffer | null): CheckOutcome {
  if (value === null) return { ok: false, pointer: "", message: "value is not JSON: the record has no value (null)" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(value);
  } catch {
    return { ok: false, pointer: "", message: "value is not JSON: not UTF-8 text" };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, pointer: "", message: `value is not JSON: ${(error as Error).message}` };
  }
  if (validate(parsed)) return { ok: true };
  const first = validate.errors?.[0];
  if (!first) return { ok: false, pointer: "", message: "does not match the schema" };
  return { ok: false, pointer: errorPointer(first), message: first.message ?? "is invalid" };
}

const escapePointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * The JSON pointer of what is wrong: Ajv's instancePath, and for a missing required property (or
 * an unexpected additional one) the pointer of that property, e.g. "/amount".
 */
export function errorPointer(error: Pick<ErrorObject, "keyword" | "instancePath" | "params">): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === "required" && typeof params.missingProperty === "string") return `${error.instancePath}/${escapePointer(params.missingProperty)}`;
  if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    return `${error.instancePath}/${escapePointer(params.additionalProperty)}`;
  }
  return error.instancePath;
}
