import { TextBytesWriter } from "@/lib/bytes-writer";

/**
 * Lines of JSON text written into one buffer as they are made: the published snapshot's form
 * (lib/collector/service/sample-result.ts). A line is either a string (JSON.stringify's) or
 * written piece by piece (lib/bytes-writer.ts): numbers go in as digits, without a string or an array
 * per line. At 10,000 groups a sample has 10,000 lag lines; as arrays and then strings they were
 * ~20 MB of garbage on the JavaScript heap every sample, and garbage collection is half the
 * collector's CPU there.
 */
export class JsonLinesWriter extends TextBytesWriter {
  private lines = 0;

  /** A whole line. */
  line(text: string): void {
    this.startLine();
    this.utf8(text);
  }

  /** Starts a line to be written piece by piece. */
  startLine(): void {
    if (this.lines++ > 0) this.ascii("\n");
  }

  /** A number as JSON.stringify writes it: NaN and infinities as null. */
  number(value: number): void {
    if (!Number.isFinite(value)) this.ascii("null");
    else if (Number.isSafeInteger(value)) this.integer(value);
    else if (!this.thousandths(value)) this.ascii(String(value));
  }
}
