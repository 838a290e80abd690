// Scores one member's self-assessment against 五带头 and prints what to improve, with the
// trend since the previous half-year; type-checked against the package's .d.ts (tsc --noEmit).
import init, {
  score,
  branch,
  validateFramework,
  CxzyError,
  type Assessment,
  type Framework,
  type ScoreResult,
  type ScoreWithTrend,
  type BranchView,
  type ErrorEntry,
} from "cxzy";

export async function report(framework: Framework, current: Assessment, previous: Assessment): Promise<string[]> {
  await init(); // fetches the module in browsers; a no-op in Node
  const ref = validateFramework(framework, { lang: "en" });
  const lines: string[] = [`${ref.id} ${ref.version} (${ref.digest ?? ""})`];
  try {
    const before: ScoreResult = score(framework, previous, { today: "2025-12-31" });
    const { result, trend }: ScoreWithTrend = score(framework, current, { previous: before });
    lines.push(`total ${result.total}${result.total_exact ? ` (= ${result.total_exact})` : ""} of ${result.max}`);
    lines.push(`grade ${result.grade ?? "— (incomplete)"}, ${trend.grade.direction} since ${trend.previous_period.end}`);
    for (const gap of result.gaps) {
      const better = gap.next_descriptor?.["zh-Hans"] ?? "";
      lines.push(`  ${gap.indicator}: −${gap.lost} ${better}`);
    }
    for (const d of result.dimensions) {
      lines.push(`  ${d.id}: ${d.score} / ${d.max} (${d.ratio ?? "n/a"} %)`);
    }
    const view: BranchView = branch(framework, [before, result], { excellentQuota: 20 });
    lines.push(`rank ${view.ranking[0]?.rank ?? "—"} of ${view.ranked}`);
  } catch (e) {
    if (!(e instanceof CxzyError)) throw e;
    const errors: ErrorEntry[] = e.errors;
    lines.push(`${e.input} refused (${e.code}):`, ...errors.map((x) => `  ${x.path}: ${x.message}`));
  }
  return lines;
}
