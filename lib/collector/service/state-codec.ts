import type { DeriveStateCodec } from "@/lib/collector/cluster-collector";
import { decodeDeriveState, encodeDeriveState } from "@/lib/collector/derive-state-codec";

/** How a leader saves its derive state (status windows, offset→time tables) for the next one. */
export const deriveStateCodec: DeriveStateCodec = { encode: encodeDeriveState, decode: decodeDeriveState };
