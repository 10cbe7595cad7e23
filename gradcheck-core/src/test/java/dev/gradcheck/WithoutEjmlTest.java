package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * EJML is optional: on a class path with only gradcheck-core and commons-math3 (a fresh class loader), the blocks
 * and gradients load, work and can be reflected on; only the {@link Ejml} class needs EJML.
 */
class WithoutEjmlTest {

    @Test
    void blocksAndGradientsWorkWithoutEjmlOnTheClassPath() throws Exception {
        URL core = ParameterBlock.class.getProtectionDomain().getCodeSource().getLocation();
        URL math = RealMatrix.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {core, math}, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> loader.loadClass("org.ejml.data.DMatrixRMaj"))
                    .as("the loader really has no EJML").isInstanceOf(ClassNotFoundException.class);
            Class<?> blockClass = loader.loadClass("dev.gradcheck.ParameterBlock");
            assertThat(blockClass.getMethods()).as("every signature resolves without EJML").isNotEmpty();
            double[][] w = {{1, 2}, {3, 4}};
            Object block = blockClass.getMethod("of", String.class, double[][].class).invoke(null, "W", w);
            blockClass.getMethod("set", int.class, double.class).invoke(block, 3, 40.0);
            assertThat(w[1][1]).isEqualTo(40);
            Object transposed = blockClass.getMethod("ofTransposed", blockClass).invoke(null, block);
            assertThat((double[]) blockClass.getMethod("toArray").invoke(transposed)).containsExactly(1, 3, 2, 40);

            Class<?> gradients = loader.loadClass("dev.gradcheck.Gradients");
            Object builder = gradients.getMethod("builder").invoke(null);
            assertThat(builder.getClass().getMethods()).isNotEmpty();
            Method put = builder.getClass().getMethod("putTransposed", String.class, double[][].class);
            Object built = builder.getClass().getMethod("build").invoke(put.invoke(builder, "W", w));
            assertThat((double[]) gradients.getMethod("get", String.class).invoke(built, "W"))
                    .containsExactly(1, 3, 2, 40);

            Class<?> ejml = loader.loadClass("dev.gradcheck.Ejml");
            assertThatThrownBy(ejml::getMethods).as("only the EJML class needs EJML")
                    .isInstanceOf(NoClassDefFoundError.class).hasMessageContaining("org/ejml/data/DMatrixRMaj");
        }
    }

}
