"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction, type ActionFailure } from "@/lib/api/action";
import { requireWritten } from "@/lib/api/write-result";
import { getDb } from "@/lib/db";
import { requireContractWrite } from "@/lib/auth/catalog-scope";
import { fromContractForm } from "@/lib/validation/catalog-forms";
import { createContract, deleteContract, updateContract } from "@/lib/catalog/contracts";
import { contractTargetSchema } from "@/lib/validation/catalog-api";
import type { ContractRecord } from "@/lib/catalog/records";

// Thin actions: lib/api/action.ts refuses cross-site calls, parses the input and maps failures;
// the domain validates the values. Redirects happen after the wrapper, never inside a try.

export type ContractActionResult = ActionFailure<ContractRecord> | null;
type Key = { cluster: string; topic: string };

const detailPath = (key: Key) => `/catalog/contracts/${encodeURIComponent(key.cluster)}/${encodeURIComponent(key.topic)}`;
const updateInput = contractTargetSchema.extend({ values: z.unknown() });
const deleteInput = contractTargetSchema.pick({ key: true, version: true });

export async function createContractAction(_previous: ContractActionResult, values: unknown): Promise<ContractActionResult> {
  const outcome = await runAction({ input: z.unknown() }, values, async (input, { actor }) => {
    const contract = fromContractForm(input);
    await requireContractWrite(actor, getDb(), { body: contract });
    return requireWritten(await createContract(getDb(), contract, actor));
  });
  if (!outcome.ok) return outcome as ActionFailure<ContractRecord>;
  revalidatePath("/catalog", "layout");
  redirect(`${detailPath(outcome.value)}?saved=1`);
}

export async function updateContractAction(
  _previous: ContractActionResult,
  input: { key: Key; version: number; values: unknown; acceptBreakingChanges: boolean },
): Promise<ContractActionResult> {
  const outcome = await runAction({ input: updateInput }, input, async ({ key, version, values, acceptBreakingChanges }, { actor }) => {
    const contract = fromContractForm(values);
    await requireContractWrite(actor, getDb(), { key, body: contract });
    return requireWritten(await updateContract(getDb(), key, version, contract, actor, { acceptBreakingChanges }));
  });
  if (!outcome.ok) return outcome as ActionFailure<ContractRecord>;
  revalidatePath("/catalog", "layout");
  redirect(`${detailPath(outcome.value)}?saved=1`);
}

export async function deleteContractAction(_previous: ContractActionResult, input: { key: Key; version: number }): Promise<ContractActionResult> {
  const outcome = await runAction({ input: deleteInput }, input, async ({ key, version }, { actor }) => {
    await requireContractWrite(actor, getDb(), { key });
    requireWritten(await deleteContract(getDb(), key, version, actor));
    return key;
  });
  if (!outcome.ok) return outcome as ActionFailure<ContractRecord>;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/contracts?deleted=${encodeURIComponent(`${outcome.value.cluster}/${outcome.value.topic}`)}`);
}
