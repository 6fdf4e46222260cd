import { describe, expect, it } from "vitest";
import {
  formatMmCommand,
  MmCommandError,
  parseMmCommand,
} from "../../src/checker/mm/mm-command.js";

describe("mm command lines", () => {
  it("parse to pages and print back the same line", () => {
    const lines = [
      "mmap 0 0x1000-0x3000 rw- fixed anon",
      "mmap 1 0x0-0x2000 r-x hint file2@0x5",
      "mmap 0 0x4000-0x6000 r-- fixed dev3@0x4",
      "fault 1 0x3000",
      "mmap 0 0xa000-0xc000 rw- noreplace anon growsdown",
      "munmap 1 0x2000-0x2000",
      "mprotect 0 0x1000-0x5000 ---",
      "brk 0 0x9000",
      "expand_upwards 1 0x4000",
      "fork 0 1",
      "exit 1",
      "find_vma_prev 0 0x0",
      "maps 1",
    ];
    for (const l of lines) expect(formatMmCommand(parseMmCommand(l, 2))).toBe(l);
    expect(parseMmCommand("mmap 0 0x1000-0x3000 rw- fixed anon", 2)).toMatchObject({
      start: 1,
      end: 3,
      prot: 3,
    });
  });

  it("reject misaligned addresses, inverted ranges, unknown flags and impossible lengths", () => {
    const bad: Array<[string, RegExp]> = [
      ["munmap 0 0x1001-0x2000", /not page-aligned/],
      ["mprotect 0 0x3000-0x1000 r--", /start is above end/],
      ["mmap 0 0x1000-0x2000 rw- fixed anon growsleft", /not growsdown or growsup/],
      ["mmap 0 0x1000-0x2000 rw- fixed shared", /not anon, fileN@PGOFF or devN@PGOFF/],
      ["mmap 0 0x1000-0x2000 rwq fixed anon", /protection/],
      ["munmap 0 0x0-0x20000000000000000", /past the 64-bit address space/],
      ["mmap 0 0x1000-0x2000 rw- fixed file1@0 growsdown", /cannot grow/],
      ["fork 1 1", /two different slots/],
      ["maps 2", /not one of 0..1/],
      ["munmap 0", /takes MM START-END/],
    ];
    for (const [line, why] of bad) {
      expect(() => parseMmCommand(line, 2)).toThrow(MmCommandError);
      expect(() => parseMmCommand(line, 2)).toThrow(why);
    }
  });
});
