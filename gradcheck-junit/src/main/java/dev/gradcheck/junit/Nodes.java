package dev.gradcheck.junit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.PhaseResult;
import dev.gradcheck.Verdict;
import dev.gradcheck.junit.ModelCheck.Checked;

/**
 * The test nodes of one checked model: one per component per phase ({@code [init] dW1 (5×4)}), a {@code [phase] θ}
 * node where no component carries the phase's verdict, aborted nodes for what could not be checked, and the last,
 * {@code [report]}, which runs the method's body. Names come from {@link Messages} and carry no computed number.
 */
final class Nodes {
    private Nodes() {
    }

    /** @param prefix the model's name and a space when the factory returned several models, else "" */
    static List<TestTemplateInvocationContext> of(Method method, int modelIndex, Checked checked, String prefix,
                                                  CheckConfig config) {
        Resolver resolver = new Resolver(method, modelIndex, checked);
        List<TestTemplateInvocationContext> nodes = new ArrayList<>();
        GradCheckReport report = checked.report();
        if (report == null) {
            Throwable error = checked.error();
            nodes.add(new Node(prefix + Messages.errorNode(), resolver, checked, ctx -> {
                throw error;
            }));
            return nodes;
        }
        String model = checked.name();
        for (PhaseResult p : report.phases()) {
            if (p.components().isEmpty()) {
                if (p.evaluations() == 0) {
                    String reason = String.join("; ", p.findings());
                    nodes.add(new Node(prefix + Messages.phaseNotCheckedNode(p), resolver, checked, ctx -> {
                        throw new TestAbortedException(reason);
                    }));
                } else {
                    nodes.add(phaseNode(prefix, model, report, p, resolver, checked, config));
                }
                continue;
            }
            for (ComponentResult c : p.components()) {
                String name = prefix + Messages.componentNode(report, p, c);
                if (outsideShard(report, c)) {
                    // Another CI job's shard checks this block; the node is there so every job has the same names.
                    nodes.add(new Node(name, resolver, checked, ctx -> {
                        throw new TestAbortedException(Messages.outsideShard(report, c));
                    }));
                    continue;
                }
                if (!c.checked() && c.checkedEntries() > 0) {
                    // Nothing of the block could be judged (every entry set aside): skipped with the reason, not GOOD.
                    String reason = c.name() + " (" + c.shape() + ") " + c.notCheckedReason().orElse("not checked");
                    nodes.add(new Node(name, resolver, checked, ctx -> {
                        throw new TestAbortedException(reason);
                    }));
                    continue;
                }
                nodes.add(new Node(name, resolver, checked, ctx -> {
                    if (fails(c.verdict(), config)) {
                        throw new AssertionFailedError(Messages.componentFailure(model, p, c, config.strict()),
                                Messages.numerical(c), Messages.analytic(c));
                    }
                    ctx.publishReportEntry("gradcheck", c.verdict() == Verdict.INSPECT
                            ? Messages.componentFailure(model, p, c, false) : Messages.componentEntry(report, c));
                }));
            }
            Verdict worstComponent = p.components().stream().map(ComponentResult::verdict)
                    .max(Comparator.naturalOrder()).orElse(Verdict.GOOD);
            if (p.verdict().compareTo(worstComponent) > 0) {
                nodes.add(phaseNode(prefix, model, report, p, resolver, checked, config));
            }
        }
        nodes.add(new Node(prefix + Messages.reportNode(report), resolver, checked, null));
        return nodes;
    }

    private static boolean fails(Verdict v, CheckConfig config) {
        return v == Verdict.BUG || (v == Verdict.INSPECT && config.strict());
    }

    private static boolean outsideShard(GradCheckReport r, ComponentResult c) {
        return r.shard().isPresent() && c.checkedEntries() == 0 && c.size() > 0;
    }

    private static Node phaseNode(String prefix, String model, GradCheckReport r, PhaseResult p, Resolver resolver,
                                  Checked checked, CheckConfig config) {
        return new Node(prefix + Messages.phaseNode(r, p), resolver, checked, ctx -> {
            if (fails(p.verdict(), config)) {
                throw new AssertionFailedError(Messages.phaseFailure(model, p));
            }
            ctx.publishReportEntry("gradcheck", Messages.phaseFailure(model, p));
        });
    }

    /** What a component (or phase) node does instead of the method's body. */
    @FunctionalInterface
    interface Verification {
        void verify(ExtensionContext context) throws Throwable;
    }

    /**
     * One invocation of the template. {@code verification == null} is the {@code [report]} node, which runs the
     * method's body (holding the model's lock, as the check did: the body may use the model); every other node skips
     * the body and runs its verification.
     */
    private static final class Node implements TestTemplateInvocationContext {
        private final String displayName;
        private final Resolver resolver;
        private final Checked checked;
        private final Verification verification;

        Node(String displayName, Resolver resolver, Checked checked, Verification verification) {
            this.displayName = displayName;
            this.resolver = resolver;
            this.checked = checked;
            this.verification = verification;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return displayName;
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(resolver, new InvocationInterceptor() {
                @Override
                public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                                        ReflectiveInvocationContext<Method> invocationContext,
                                                        ExtensionContext extensionContext) throws Throwable {
                    if (verification != null) {
                        invocation.skip();
                        verification.verify(extensionContext);
                        return;
                    }
                    if (checked.report() != null) {
                        extensionContext.publishReportEntry("gradcheck",
                                Messages.reportEntry(checked.name(), checked.report()));
                    }
                    SharedModels.Held held = SharedModels.lock(checked.model());
                    try {
                        invocation.proceed();
                    } finally {
                        held.close();
                    }
                }
            });
        }
    }

    /** Resolves the model parameter and {@link GradCheckReport} parameters of the test method. */
    private static final class Resolver implements ParameterResolver {
        private final Method method;
        private final int modelIndex;
        private final Checked checked;

        Resolver(Method method, int modelIndex, Checked checked) {
            this.method = method;
            this.modelIndex = modelIndex;
            this.checked = checked;
        }

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return p.getDeclaringExecutable().equals(method)
                    && (p.getIndex() == modelIndex || p.getParameter().getType() == GradCheckReport.class);
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return p.getIndex() == modelIndex ? checked.model() : checked.report();
        }
    }
}
