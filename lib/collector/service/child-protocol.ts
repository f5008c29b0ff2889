import type { ContractRevisions } from "@/lib/collector/contract-source";
import type { ContractSchema } from "@/lib/collector/conformance-check";
import type { IntervalCounts } from "@/lib/collector/sample-windows";
import type { AttemptStatus, SampleResult } from "@/lib/collector/service/sample-result";

// Messages between the web process (role `all`) and its sampling child, over Node's IPC channel
// with structured-clone serialisation (Maps, Uint8Arrays and Dates arrive as themselves).

export type ParentMessage =
  | { type: "start"; cluster: string; term: number; savedState: Uint8Array | null }
  | { type: "stop"; cluster: string }
  | { type: "reply"; id: number; value?: ContractRevisions | ContractSchema[] | Omit<IntervalCounts, "at">; error?: string };

export type ChildMessage =
  | { type: "sample"; cluster: string; term: number; result: Omit<SampleResult, "snapshot"> }
  | { type: "failure"; cluster: string; term: number; status: AttemptStatus }
  | { type: "request"; id: number; cluster: string; method: "revisions" | "schemas" | "samplerWindows"; topics: string[] };
