// jvm-options-unread (hint): an options variable (`JAVA_OPTS`, `CATALINA_OPTS`, …) is set but nothing passes it to
// the JVM. The JVM itself reads only JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS (the `java` launcher, JDK 9+) and
// _JAVA_OPTIONS (REFERENCE.md §2.3, §4 item 17); any other variable reaches it only through the command
// (`$(JAVA_OPTS)` in args, `$JAVA_OPTS` in a `sh -c` script) or an image start script that reads it (images.ts).
// So the `-Xmx` in it has no effect, and the JVM sizes itself by ergonomics. The reason comes from detect.ts.
// Example: `env: [{name: JAVA_OPTS, value: "-Xmx1g"}]` with `command: ["java", "-jar", "app.jar"]`.
// Also a JVM option written after the jar or main class (`java -jar app.jar -Xmx512m`): the application gets it.
import type { Rule, RuleContext, RuleFinding } from '../rule';
import { dedupe } from '../findings/jvm-heap';

const MEMORY_OPTION = /(?:^|\s)(-Xm[xs]\S*|-XX:(?:Max|Min|Initial)RAM(?:Percentage|Fraction)=\S*|-XX:MaxHeapSize=\S*)/g;

export const jvmOptionsUnread: Rule = {
  id: 'jvm-options-unread',
  defaultSeverity: 'hint',
  summary: 'An options variable is set but nothing passes it to the JVM',
  check(ctx: RuleContext): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const subject of ctx.jvmSubjects) {
      for (const u of subject.analysis.launch.unreadVariables) {
        const head = u.why.includes(`\`${u.name}\``) ? u.why : `\`${u.name}\` never reaches the JVM: ${u.why}`;
        const options = [...(u.entry.value ?? '').matchAll(MEMORY_OPTION)].map((m) => `\`${m[1]}\``);
        const effect = options.length ? `, so ${options.slice(0, 2).join(' and ')} ${options.length === 1 ? 'has' : 'have'} no effect` : '';
        findings.push({
          message: `${head}${effect}`,
          range: u.entry.nameSpan ? ctx.lines.range(u.entry.nameSpan) : subject.anchor,
          facts: { container: subject.name, variable: u.name, why: u.why },
        });
      }
      // A JVM option written after the jar or main class is the application's argument (detect.ts appArguments;
      // measured on 17.0.15: `java -jar app.jar -Xmx512m` keeps the default heap).
      const main = subject.analysis.launch.main;
      for (const arg of subject.analysis.launch.appArguments ?? []) {
        if (!arg.span) continue;
        const before = main?.kind === 'jar' ? '`-jar`' : `\`${arg.after}\``;
        findings.push({
          message: `\`${arg.text}\` comes after \`${arg.after}\`: java passes it to the application, not the JVM, so it has no effect (put it before ${before})`,
          range: ctx.lines.range(arg.span),
          facts: { container: subject.name, option: arg.text, after: arg.after },
        });
      }
    }
    return dedupe(findings);
  },
};
