package dev.gradcheck.junit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

import dev.gradcheck.Differentiable;
import dev.gradcheck.GradientCheck;

/**
 * Behind {@link GradCheck}: resolves the configuration and the factory's models, checks each model once
 * ({@link ModelCheck}; the result is kept in the template's {@link ExtensionContext.Store}), and yields its
 * {@link Nodes}.
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
        Class<?> testClass = context.getRequiredTestClass();
        GradCheck annotation = AnnotationSupport.findAnnotation(method, GradCheck.class).orElseThrow();
        String where = "@GradCheck " + ModelSource.describe(testClass, method);
        CheckConfig config = CheckConfig.resolve(annotation, context::getConfigurationParameter, where);
        int modelIndex = ModelSource.modelParameter(method, where);
        Class<?> modelType = method.getParameterTypes()[modelIndex];
        ModelSource source = ModelSource.find(context, annotation, modelType, where);
        List<Differentiable> models = source.models(context, modelType);
        List<String> names = ModelSource.names(models);
        // Every model's check needs its configuration first, so that a configuration error stops the whole template.
        List<GradientCheck> checks = new ArrayList<>();
        for (Differentiable model : models) {
            checks.add(configure(model, config, where));
        }
        boolean several = models.size() > 1;
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        return IntStream.range(0, models.size()).boxed().flatMap(i -> {
            String fileBase = method.getName() + (several ? "-" + ModelSource.number(i, models.size()) : "");
            ModelCheck.Checked checked = store.getOrComputeIfAbsent("model-" + i, k -> ModelCheck.run(config,
                    checks.get(i), models.get(i), names.get(i), testClass, method.getName(), fileBase),
                    ModelCheck.Checked.class);
            return Nodes.of(method, modelIndex, checked, several ? names.get(i) + " " : "", config).stream();
        });
    }

    private static GradientCheck configure(Differentiable model, CheckConfig c, String where) {
        try {
            GradientCheck check = GradientCheck.of(model).epsilon(c.epsilon()).thresholds(c.thresholds())
                    .afterTraining(c.stepsFor(model, where)).worstEntries(c.worstEntries()).seed(c.seed());
            if (c.shard() != null) {
                check = check.shard(c.shard());
            }
            if (c.precise()) {
                check = check.precise();
            }
            if (c.budget() != null) {
                check = c.budget().applyTo(check);
            }
            return c.fast() > 0 ? check.fast(c.fast()) : check;
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
    }
}
