package dev.gradcheck.junit.jqwik;

import java.util.Set;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * Makes {@code @ForAll Architecture} work (registered in {@code META-INF/services}); honours
 * {@link ArchitectureBounds}.
 */
public final class ArchitectureArbitraryProvider implements ArbitraryProvider {

    @Override
    public boolean canProvideFor(TypeUsage targetType) {
        return targetType.isOfType(Architecture.class);
    }

    @Override
    public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
        ArchitectureArbitrary a = Architectures.architectures();
        return Set.of(targetType.findAnnotation(ArchitectureBounds.class).map(a::with).orElse(a));
    }
}
