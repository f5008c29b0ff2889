"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { createContract, deleteContract, updateContract } from "@/lib/catalog/contracts";
import { runCatalogWrite, type CatalogFormResult } from "@/lib/catalog/form-actions";
import { contractTargetSchema } from "@/lib/validation/catalog-api";
import type { ContractRecord } from "@/lib/catalog/records";

type Result = CatalogFormResult<ContractRecord> | null;
type Key = { cluster: string; topic: string };

const detailPath = (key: Key) => `/catalog/contracts/${encodeURIComponent(key.cluster)}/${encodeURIComponent(key.topic)}`;

export async function createContractAction(_previous: Result, values: unknown): Promise<Result> {
  const outcome = await runCatalogWrite((actor) => createContract(getDb(), values, actor));
  if (!outcome.ok) return outcome.result;
  revalidatePath("/catalog", "layout");
  redirect(`${detailPath(outcome.record)}?saved=1`);
}

export async function updateContractAction(
  _previous: Result,
  input: { key: Key; version: number; values: unknown; acceptBreakingChanges: boolean },
): Promise<Result> {
  const target = contractTargetSchema.safeParse(input);
  if (!target.success) return { ok: false, fieldErrors: {}, formError: "This form is out of date; reload the page." };
  const { key, version, acceptBreakingChanges } = target.data;
  const outcome = await runCatalogWrite((actor) => updateContract(getDb(), key, version, input.values, actor, { acceptBreakingChanges }));
  if (!outcome.ok) return outcome.result;
  revalidatePath("/catalog", "layout");
  redirect(`${detailPath(outcome.record)}?saved=1`);
}

export async function deleteContractAction(_previous: Result, input: { key: Key; version: number }): Promise<Result> {
  const target = contractTargetSchema.safeParse(input);
  if (!target.success) return { ok: false, fieldErrors: {}, formError: "This form is out of date; reload the page." };
  const { key, version } = target.data;
  const outcome = await runCatalogWrite((actor) => deleteContract(getDb(), key, version, actor));
  if (!outcome.ok) return outcome.result;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/contracts?deleted=${encodeURIComponent(`${key.cluster}/${key.topic}`)}`);
}
