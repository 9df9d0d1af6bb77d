import { describe, expect, it } from "vitest";
import * as csstree from "css-tree";
import { MAX_CUSTOM_CSS_BYTES, sanitizeCss } from "@/lib/branding/sanitize-css";
import { AppError } from "@/lib/http/errors";

function refused(input: string): AppError {
  try {
    sanitizeCss(input);
  } catch (e) {
    return e as AppError;
  }
  throw new Error("expected sanitizeCss to refuse the input");
}

/** Every selector in the output starts at the portal root. */
function selectorsOf(css: string): string[] {
  const out: string[] = [];
  csstree.walk(csstree.parse(css), { visit: "Selector", enter: (n) => void out.push(csstree.generate(n)) });
  return out;
}

describe("sanitizeCss", () => {
  it("keeps good CSS, regenerated and scoped to the portal root", () => {
    const r = sanitizeCss(`
      .card h2, a:hover { color: #123456; font-family: "Helvetica Neue", Arial, sans-serif; }
      .btn { background-color: rgb(0 0 0 / 50%); border: 1px solid var(--brand-primary); border-radius: calc(4px + 2px); padding: 4px 8px !important; }
      --ignored: nothing;
    `);
    expect(r.css).toBe(
      [
        '.portal-root .card h2,.portal-root a:hover{color:#123456;font-family:"Helvetica Neue",Arial,sans-serif}',
        ".portal-root .btn{background-color:rgb(0 0 0/50%);border:1px solid var(--brand-primary);border-radius:calc(4px + 2px);padding:4px 8px!important}",
      ].join("\n"),
    );
    for (const s of selectorsOf(r.css)) expect(s.startsWith(".portal-root ")).toBe(true);
  });

  it("removes @import and every other at-rule, naming them with their line", () => {
    const r = sanitizeCss('@import url("https://evil.example/x.css");\n@font-face { font-family: x; src: url(x.woff) }\n@media (min-width: 1px) { a { color: red } }\np { color: red }');
    expect(r.css).toBe(".portal-root p{color:red}");
    expect(r.removed.map((x) => [x.what.split(" ")[0], x.line])).toEqual([
      ["@import", 1],
      ["@font-face", 2],
      ["@media", 3],
    ]);
    expect(r.removed[0].reason).toMatch(/at-rules are not allowed/);
  });

  it("removes url(), image-set(), expression() and unknown functions but keeps the rest of the rule", () => {
    const r = sanitizeCss("a { color: red; background-color: url(https://evil.example/t.png); width: expression(alert(1)); background-color: image-set('x.png' 1x); color: attr(title); border-color: blue }");
    expect(r.css).toBe(".portal-root a{color:red;border-color:blue}");
    expect(r.removed.map((x) => x.reason)).toEqual([
      expect.stringMatching(/url\(\) is not allowed/),
      expect.stringMatching(/property 'width' is not allowed/),
      expect.stringMatching(/image-set\(\) is not allowed|strings are allowed only/),
      expect.stringMatching(/attr\(\) is not allowed/),
    ]);
  });

  it("refuses background shorthands and other properties that can load images", () => {
    const r = sanitizeCss("a { background: red; background-image: linear-gradient(red, blue); list-style-image: none; content: 'x'; position: fixed }");
    expect(r.css).toBe("");
    expect(r.removed).toHaveLength(5);
  });

  it("removes escapes that could hide url( in a property name or a value", () => {
    const r = sanitizeCss("a { backgr\\ound-color: red; color: u\\rl(x); --x: \\75rl(x); color: green }");
    expect(r.css).toBe(".portal-root a{color:green}");
    expect(r.removed).toHaveLength(3);
    expect(r.css).not.toMatch(/\\|url/);
  });

  it("removes only the declaration or selector that carries an escape, not the whole rule", () => {
    // css-tree decodes escapes in strings, so the regenerated text shows what the browser would see.
    const r = sanitizeCss('a, b[title="x\\y"], i[title="u\\rl("] { color: r\\65 d; border-color: blue } c { --z: 1px }');
    expect(r.css).toBe('.portal-root a,.portal-root b[title="xy"]{border-color:blue}\n.portal-root c{--z:1px}');
    expect(r.removed.map((x) => x.reason)).toEqual([expect.stringMatching(/selectors/), expect.stringMatching(/values/)]);
  });

  it("refuses </style><script> outright (400 naming custom_css), and never emits <", () => {
    const e = refused("a { color: red }</style><script>alert(1)</script>");
    expect(e.status).toBe(400);
    expect(e.details).toEqual([{ path: "custom_css", message: expect.stringMatching(/</) }]);
    expect(refused("a { font-family: '</style>' }").status).toBe(400);
  });

  it("removes selectors that name the page rather than the portal", () => {
    const r = sanitizeCss("body { color: red } html, .ok { color: red } :root { --x: red } * { color: red } ~ footer { color: red } + p { color: red } a:has(> img) { color: red } .x:host { color: red } & .y { color: red }");
    expect(r.css).toBe(".portal-root .ok{color:red}");
    expect(r.removed.map((x) => x.what)).toEqual(["body", "html", ":root", "*", "~footer", "+p", "a:has(>img)", ".x:host", "& .y"]);
  });

  it("removes nested rules inside a block", () => {
    const r = sanitizeCss(".x { color: red; .y { color: blue } }");
    expect(r.css).toBe(".portal-root .x{color:red}");
    expect(r.removed).toHaveLength(1);
  });

  it("removes fonts that are not on the safe list", () => {
    const r = sanitizeCss('p { font-family: "Comic Evil", serif } q { font-family: Georgia, serif }');
    expect(r.css).toBe(".portal-root q{font-family:Georgia,serif}");
    expect(r.removed[0].reason).toMatch(/Comic Evil/);
  });

  it("refuses a 2 MB stylesheet with a clear 400 (and one byte over the cap)", () => {
    const big = "a { color: red }\n".repeat(Math.ceil((2 * 1024 * 1024) / 17));
    const e = refused(big);
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/limit is 20000/);
    expect(refused("a".repeat(MAX_CUSTOM_CSS_BYTES + 1)).status).toBe(400);
  });

  it("checks custom properties' values like any other value", () => {
    const r = sanitizeCss(".x { --brand: #fff; --evil: url(x); --evil2: image-set(x 1x); --ok: calc(1px + 2px) }");
    expect(r.css).toBe(".portal-root .x{--brand:#fff;--ok:calc(1px + 2px)}");
    expect(r.removed).toHaveLength(2);
  });

  it("returns empty CSS for an empty or comment-only sheet", () => {
    expect(sanitizeCss("")).toEqual({ css: "", removed: [] });
    expect(sanitizeCss("/* nothing */")).toEqual({ css: "", removed: [] });
  });
});
