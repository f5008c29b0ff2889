import { describe, expect, it } from "vitest";
import { describeForbiddenCharacter } from "@/lib/validation/text";

describe("describeForbiddenCharacter", () => {
  it("refuses every C0 control, DEL and C1 control in single-line text, with its code point and position", () => {
    expect(describeForbiddenCharacter("ab\u0000c", "single-line")).toBe("contains a control character (U+0000 at character 3)");
    expect(describeForbiddenCharacter("\tx", "single-line")).toBe("contains a control character (U+0009 at character 1)");
    expect(describeForbiddenCharacter("x\n", "single-line")).toBe("contains a control character (U+000A at character 2)");
    expect(describeForbiddenCharacter("x\u001fy", "single-line")).toBe("contains a control character (U+001F at character 2)");
    expect(describeForbiddenCharacter("x\u007f", "single-line")).toBe("contains a control character (U+007F at character 2)");
    expect(describeForbiddenCharacter("x\u0085", "single-line")).toBe("contains a control character (U+0085 at character 2)");
    expect(describeForbiddenCharacter("x\u009f", "single-line")).toBe("contains a control character (U+009F at character 2)");
  });

  it("keeps tab, newline and carriage return in multi-line text, and nothing else", () => {
    expect(describeForbiddenCharacter("line one\r\n\tline two\n", "multi-line")).toBeNull();
    expect(describeForbiddenCharacter("a\u000bb", "multi-line")).toBe("contains a control character (U+000B at character 2)");
    expect(describeForbiddenCharacter("a\u0000", "multi-line")).toBe("contains a control character (U+0000 at character 2)");
  });

  it("accepts any other Unicode, and refuses unpaired surrogates (PostgreSQL's jsonb refuses them)", () => {
    expect(describeForbiddenCharacter("Zürich 50% / ½ — 🚀 \u00a0", "single-line")).toBeNull();
    expect(describeForbiddenCharacter("a\ud800b", "single-line")).toBe("contains an unpaired UTF-16 surrogate (U+D800 at character 2)");
    expect(describeForbiddenCharacter("a\udc00", "multi-line")).toBe("contains an unpaired UTF-16 surrogate (U+DC00 at character 2)");
  });
});
