package dev.gradcheck.junit;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.BaseStream;
import java.util.stream.Collectors;

import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import dev.gradcheck.Differentiable;
import dev.gradcheck.GradCheckReport;

/** Finds the factory method of a {@code @GradCheck} test, calls it and checks what it returned. */
final class ModelSource {
    private final Method factory;
    private final String where;

    private ModelSource(Method factory, String where) {
        this.factory = factory;
        this.where = where;
    }

    /** "NetTest.net(TwoLayerNet)": how messages name the test method. */
    static String describe(Class<?> testClass, Method method) {
        return testClass.getSimpleName() + "." + method.getName() + "(" + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * The index of the test method's model parameter: the one parameter whose type implements
     * {@link Differentiable}.
     */
    static int modelParameter(Method method, String where) {
        Parameter[] ps = method.getParameters();
        List<Integer> models = new ArrayList<>();
        for (int i = 0; i < ps.length; i++) {
            if (Differentiable.class.isAssignableFrom(ps[i].getType())) {
                models.add(i);
            }
        }
        if (models.size() == 1) {
            return models.get(0);
        }
        if (models.size() > 1) {
            throw new ExtensionConfigurationException(where + " has " + models.size() + " model parameters ("
                    + models.stream().map(i -> ps[i].getType().getSimpleName()).collect(Collectors.joining(", "))
                    + "): a @GradCheck method takes exactly one model (a Differentiable) and optionally the "
                    + "GradCheckReport");
        }
        for (int i = 0; i < ps.length; i++) {
            Parameter p = ps[i];
            Class<?> t = p.getType();
            if (t != GradCheckReport.class && t != TestInfo.class && t != TestReporter.class) {
                throw new ExtensionConfigurationException(where + ": parameter "
                        + (p.isNamePresent() ? p.getName() : "#" + (i + 1)) + " of type "
                        + t.getName() + " is not a dev.gradcheck.Differentiable. The model parameter's type must "
                        + "implement Differentiable (declare it as your model's class, or as Differentiable).");
            }
        }
        throw new ExtensionConfigurationException(where + " has no parameter for the model: declare one whose type "
                + "implements dev.gradcheck.Differentiable, e.g. " + method.getName() + "(MyNet model)");
    }

    /** Finds the factory named by the annotation, or the one with the test method's name. */
    static ModelSource find(ExtensionContext context, GradCheck annotation, Class<?> modelType, String where) {
        Class<?> testClass = context.getRequiredTestClass();
        Method testMethod = context.getRequiredTestMethod();
        String name = annotation.value().trim();
        boolean named = !name.isEmpty();
        if (!named) {
            name = testMethod.getName();
        }
        if (name.endsWith("()")) {
            name = name.substring(0, name.length() - 2);
        }
        Class<?> owner = testClass;
        String methodName = name;
        int hash = name.indexOf('#');
        if (hash >= 0) {
            String className = name.substring(0, hash);
            methodName = name.substring(hash + 1);
            ClassLoader loader = testClass.getClassLoader();
            owner = ReflectionSupport.tryToLoadClass(className, loader).toOptional().orElseThrow(() ->
                    new ExtensionConfigurationException(where + ": @GradCheck(\"" + annotation.value()
                            + "\") names the class " + className + ", which cannot be loaded. Write the fully "
                            + "qualified name, e.g. @GradCheck(\"com.example.Models#nets\")."));
        }
        String factoryName = methodName;
        Class<?> factoryOwner = owner;
        Optional<Method> found = ReflectionSupport.findMethod(owner, factoryName);
        if (found.isEmpty() || (found.get().equals(testMethod))) {
            List<Method> withParams = ReflectionSupport.findMethods(owner, m -> m.getName().equals(factoryName)
                    && m.getParameterCount() > 0 && !m.equals(testMethod), HierarchyTraversalMode.TOP_DOWN);
            String wrongParams = withParams.isEmpty() ? ""
                    : " (" + owner.getSimpleName() + " has " + withParams.stream().map(m -> describe(factoryOwner, m))
                    .collect(Collectors.joining(", ")) + ", but a factory takes no parameters)";
            String fix = named
                    ? "Add a method " + factoryName + "() with no parameters returning the model(s) to "
                    + owner.getSimpleName() + ", or correct the name in @GradCheck(\"" + annotation.value() + "\")."
                    : "Add a method static " + modelType.getSimpleName() + " " + factoryName + "() (no parameters, the test's own name) "
                    + "returning the model(s) to " + owner.getSimpleName()
                    + ", or name the factory with @GradCheck(\"factoryName\").";
            throw new ExtensionConfigurationException(where + ": no factory method " + factoryName + "() found in "
                    + owner.getName() + wrongParams + ". " + fix);
        }
        Method factory = found.get();
        Class<?> rt = factory.getReturnType();
        boolean ok = Differentiable.class.isAssignableFrom(rt) || BaseStream.class.isAssignableFrom(rt)
                || Iterable.class.isAssignableFrom(rt) || Iterator.class.isAssignableFrom(rt) || rt == Object.class
                || (rt.isArray() && (rt.getComponentType() == Object.class
                || Differentiable.class.isAssignableFrom(rt.getComponentType())
                || rt.getComponentType().isInterface()));
        if (!ok) {
            throw new ExtensionConfigurationException(where + ": factory method " + describe(owner, factory)
                    + " returns " + rt.getTypeName() + ". A factory returns one model (a class implementing "
                    + "dev.gradcheck.Differentiable) or a Stream, Collection, Iterable, Iterator or array of them.");
        }
        if (!Modifier.isStatic(factory.getModifiers()) && owner != testClass
                && !factory.getDeclaringClass().isAssignableFrom(testClass)) {
            throw new ExtensionConfigurationException(where + ": factory method " + describe(owner, factory)
                    + " in another class must be static");
        }
        return new ModelSource(factory, where);
    }

    String factoryName() {
        return factory.getDeclaringClass().getSimpleName() + "." + factory.getName() + "()";
    }

    /** Calls the factory and returns its models, each checked against the test's model parameter type. */
    List<Differentiable> models(ExtensionContext context, Class<?> parameterType) {
        Object target = null;
        if (!Modifier.isStatic(factory.getModifiers())) {
            Class<?> declaring = factory.getDeclaringClass();
            target = context.getTestInstances().flatMap(ti -> ti.findInstance(declaring)).orElseThrow(() ->
                    new ExtensionConfigurationException(where + ": factory method " + factoryName() + " is not static, "
                            + "and there is no test instance to call it on before the test runs. Make it static, or "
                            + "annotate " + declaring.getSimpleName() + " with @TestInstance(Lifecycle.PER_CLASS)."));
        }
        Object result = ReflectionSupport.invokeMethod(factory, target);
        if (result == null) {
            throw new ExtensionConfigurationException(where + ": factory method " + factoryName() + " returned null; "
                    + "return a model, or a Stream/Collection/array of models");
        }
        List<Object> raw = new ArrayList<>();
        if (result instanceof BaseStream<?, ?> stream) {
            try (stream) {
                stream.iterator().forEachRemaining(raw::add);
            }
        } else if (result instanceof Iterable<?> it) {
            it.forEach(raw::add);
        } else if (result instanceof Iterator<?> it) {
            it.forEachRemaining(raw::add);
        } else if (result.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(result); i++) {
                raw.add(Array.get(result, i));
            }
        } else {
            raw.add(result);
        }
        if (raw.isEmpty()) {
            throw new ExtensionConfigurationException(where + ": factory method " + factoryName() + " returned no "
                    + "models (an empty " + (result instanceof Collection ? "collection" : result.getClass().isArray()
                    ? "array" : "stream") + "); return at least one model");
        }
        List<Differentiable> models = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Object m = raw.get(i);
            String which = raw.size() == 1 ? "" : " (element " + i + ")";
            if (m == null) {
                throw new ExtensionConfigurationException(where + ": factory method " + factoryName() + " returned "
                        + "null" + which + " instead of a model");
            }
            if (!(m instanceof Differentiable d)) {
                throw new ExtensionConfigurationException(where + ": factory method " + factoryName() + " returned a "
                        + m.getClass().getName() + which + ", which does not implement dev.gradcheck.Differentiable");
            }
            if (!parameterType.isInstance(m)) {
                throw new ExtensionConfigurationException(where + ": factory method " + factoryName() + " returned a "
                        + m.getClass().getName() + which + ", but the test's model parameter is a "
                        + parameterType.getName() + ". Declare the parameter as " + m.getClass().getSimpleName()
                        + " (or Differentiable), or return " + parameterType.getSimpleName() + " models.");
            }
            models.add(d);
        }
        return models;
    }

    /**
     * The models' names for node names and messages: each model's own {@code toString()}, else its class's simple
     * name, numbered when there are several ({@code Mlp #01} … {@code Mlp #12}: zero-padded, so that the names sort
     * in the factory's order).
     */
    static List<String> names(List<?> models) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            Object model = models.get(i);
            String own = ownName(model);
            if (own != null) {
                names.add(own);
            } else {
                String simple = model.getClass().getSimpleName();
                String type = simple.isEmpty() ? model.getClass().getName() : simple;
                names.add(models.size() == 1 ? type : type + " #" + number(i, models.size()));
            }
        }
        return names;
    }

    /** The 1-based number of model {@code index} of {@code count}, zero-padded to the width of {@code count}. */
    static String number(int index, int count) {
        String n = Integer.toString(index + 1);
        return "0".repeat(Math.max(0, Integer.toString(count).length() - n.length())) + n;
    }

    /** The model's own {@code toString()}, stripped, or null when it has none (or a blank one). */
    static String ownName(Object model) {
        try {
            if (model.getClass().getMethod("toString").getDeclaringClass() != Object.class) {
                String s = String.valueOf(model);
                if (!s.isBlank()) {
                    return s.strip();
                }
            }
        } catch (NoSuchMethodException e) {
            // cannot happen: every class has toString()
        }
        return null;
    }

    /** One model's name: its own {@code toString()}, else its class's simple name. */
    static String name(Object model) {
        return names(List.of(model)).get(0);
    }
}
