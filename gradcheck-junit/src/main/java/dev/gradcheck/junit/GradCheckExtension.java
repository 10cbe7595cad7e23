package dev.gradcheck.junit;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.Differentiable;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.PhaseResult;
import dev.gradcheck.Shard;
import dev.gradcheck.Verdict;

/**
 * Behind {@link GradCheck}: checks each model of the factory once (the report is kept in the template's
 * {@link ExtensionContext.Store}), then yields one invocation per component per phase and a last {@code [report]}
 * invocation that runs the method's body.
 */
final class GradCheckExtension implements TestTemplateInvocationContextProvider {
    private static final Namespace NAMESPACE = Namespace.create(GradCheckExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, GradCheck.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        GradCheck annotation = AnnotationSupport.findAnnotation(method, GradCheck.class).orElseThrow();
        String where = "@GradCheck " + ModelSource.describe(context.getRequiredTestClass(), method);
        Settings settings = Settings.resolve(annotation, context::getConfigurationParameter, where);
        int modelIndex = ModelSource.modelParameter(method, where);
        ModelSource source = ModelSource.find(context, annotation, where);
        List<Differentiable> models = source.models(context, method.getParameterTypes()[modelIndex]);
        // Every model's check needs its settings first, so that a configuration error stops the whole template.
        List<GradientCheck> checks = new ArrayList<>();
        for (Differentiable model : models) {
            checks.add(configure(model, settings, where));
        }
        boolean several = models.size() > 1;
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        return IntStream.range(0, models.size()).boxed().flatMap(i -> {
            Differentiable model = models.get(i);
            String name = ModelSource.name(model, i);
            Checked checked = store.getOrComputeIfAbsent("model-" + i,
                    k -> check(context, settings, checks.get(i), model, name, several ? i + 1 : 0), Checked.class);
            return invocations(method, modelIndex, checked, several ? name + " " : "", settings);
        });
    }

    private static GradientCheck configure(Differentiable model, Settings s, String where) {
        try {
            GradientCheck check = GradientCheck.of(model).epsilon(s.epsilon()).thresholds(s.thresholds())
                    .afterTraining(s.stepsFor(model, where)).worstEntries(s.worstEntries()).seed(s.seed());
            if (s.shard() != null) {
                check = check.shard(s.shard());
            }
            if (s.precise()) {
                check = check.precise();
            }
            return s.fast() > 0 ? check.fast(s.fast()) : check;
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
    }

    /** Runs the check of one model once, prints the report and writes the report files. */
    private static Checked check(ExtensionContext context, Settings settings, GradientCheck check,
                                 Differentiable model, String name, int number) {
        GradCheckReport report;
        try {
            report = check.run();
        } catch (RuntimeException e) {
            System.out.println("gradient check of " + name + " could not run: " + e);
            return new Checked(model, name, null, e);
        }
        Class<?> testClass = context.getRequiredTestClass();
        Method method = context.getRequiredTestMethod();
        StringBuilder out = new StringBuilder();
        out.append("gradient check of ").append(name).append(" (").append(testClass.getSimpleName()).append('.')
                .append(method.getName()).append(")");
        report.shard().ifPresent(sh -> out.append(": shard ").append(sh).append(" only, a partial verdict; merge "
                + "the JSON reports of all ").append(sh.count()).append(" shards for the whole check"));
        out.append('\n').append(report.toString().stripTrailing()).append('\n');
        try {
            Path html = ReportFiles.write(settings.reportDir(), testClass.getName(), method.getName(), number, name,
                    report);
            out.append("report: ").append(html.toAbsolutePath().normalize()).append('\n');
        } catch (IOException | RuntimeException e) {
            out.append("(the report files could not be written to ").append(settings.reportDir()).append(": ")
                    .append(e).append(")\n");
        }
        System.out.print(out);
        System.out.flush();
        return new Checked(model, name, report, null);
    }

    private static Stream<TestTemplateInvocationContext> invocations(Method method, int modelIndex, Checked checked,
                                                                     String prefix, Settings settings) {
        Resolver resolver = new Resolver(method, modelIndex, checked);
        List<TestTemplateInvocationContext> nodes = new ArrayList<>();
        if (checked.report() == null) {
            Throwable error = checked.error();
            nodes.add(new Node(prefix + "[error] the check could not run", resolver, ctx -> {
                throw error;
            }));
            return nodes.stream();
        }
        for (PhaseResult p : checked.report().phases()) {
            if (p.components().isEmpty()) {
                if (p.evaluations() == 0) {
                    String reason = String.join("; ", p.findings());
                    nodes.add(new Node(prefix + "[" + p.phase().label() + "] not checked", resolver, ctx -> {
                        throw new TestAbortedException(reason);
                    }));
                } else {
                    nodes.add(phaseNode(prefix, checked.name(), p, resolver, settings, checked.report().shard()));
                }
                continue;
            }
            for (ComponentResult c : p.components()) {
                if (Messages.outsideShard(checked.report(), c)) {
                    continue; // another CI job's shard checks this block
                }
                nodes.add(new Node(prefix + Messages.componentNode(checked.report(), p, c), resolver, ctx -> {
                    if (c.verdict() == Verdict.BUG || (c.verdict() == Verdict.INSPECT && settings.strict())) {
                        throw new AssertionFailedError(Messages.componentFailure(checked.name(), p, c,
                                settings.strict()), Messages.numerical(c), Messages.analytic(c));
                    }
                    if (c.verdict() == Verdict.INSPECT) {
                        ctx.publishReportEntry("gradcheck", Messages.componentFailure(checked.name(), p, c, false));
                    }
                }));
            }
            Verdict worstComponent = p.components().stream().map(ComponentResult::verdict)
                    .max(Comparator.naturalOrder()).orElse(Verdict.GOOD);
            if (p.verdict().compareTo(worstComponent) > 0) {
                nodes.add(phaseNode(prefix, checked.name(), p, resolver, settings, checked.report().shard()));
            }
        }
        nodes.add(new Node(prefix + Messages.reportNode(checked.report()), resolver, null));
        return nodes.stream();
    }

    private static Node phaseNode(String prefix, String model, PhaseResult p, Resolver resolver, Settings settings,
                                  Optional<Shard> shard) {
        return new Node(prefix + Messages.phaseNode(p) + Messages.shardSuffix(shard), resolver, ctx -> {
            if (p.verdict() == Verdict.BUG || (p.verdict() == Verdict.INSPECT && settings.strict())) {
                throw new AssertionFailedError(Messages.phaseFailure(model, p));
            }
            if (p.verdict() == Verdict.INSPECT) {
                ctx.publishReportEntry("gradcheck", Messages.phaseFailure(model, p));
            }
        });
    }

    /** One model's check: its report, or what the check threw. */
    record Checked(Differentiable model, String name, GradCheckReport report, Throwable error) {
    }

    /** What a component (or phase) node does instead of the method's body. */
    @FunctionalInterface
    interface Verification {
        void verify(ExtensionContext context) throws Throwable;
    }

    /**
     * One invocation of the template. {@code verification == null} is the {@code [report]} node, which runs the
     * method's body; every other node skips the body and runs its verification.
     */
    private static final class Node implements TestTemplateInvocationContext {
        private final String displayName;
        private final Resolver resolver;
        private final Verification verification;

        Node(String displayName, Resolver resolver, Verification verification) {
            this.displayName = displayName;
            this.resolver = resolver;
            this.verification = verification;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return displayName;
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            if (verification == null) {
                return List.of(resolver);
            }
            return List.of(resolver, new InvocationInterceptor() {
                @Override
                public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                                        ReflectiveInvocationContext<Method> invocationContext,
                                                        ExtensionContext extensionContext) throws Throwable {
                    invocation.skip();
                    verification.verify(extensionContext);
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
