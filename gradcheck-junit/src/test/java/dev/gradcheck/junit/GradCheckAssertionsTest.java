package dev.gradcheck.junit;

import static dev.gradcheck.junit.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Verdict;

class GradCheckAssertionsTest {

    @Test
    void aCorrectModelPasses() {
        assertThat(TwoLayerNet.correct()).passesGradientCheck().hasRatioBelow(1e-6).hasVerdict(Verdict.GOOD);
        assertThat(TwoLayerNet.correct()).component("dW2").isGood().isNotBug().hasRatioBelow(1e-6);
        assertThat(TwoLayerNet.correct()).component("b1").isGood();
    }

    @Test
    void theCheckAnAssertionRunsWritesTheReportFilesNamedAfterTheTestMethod(@org.junit.jupiter.api.io.TempDir
                                                                             java.nio.file.Path dir) throws Exception {
        String before = System.getProperty("gradcheck.reportDir");
        System.setProperty("gradcheck.reportDir", dir.toString());
        try {
            assertThat(TwoLayerNet.with(TwoLayerNet.Bug.FACTOR_2_DW2)).failsGradientCheck();
        } finally {
            if (before == null) {
                System.clearProperty("gradcheck.reportDir");
            } else {
                System.setProperty("gradcheck.reportDir", before);
            }
        }
        java.nio.file.Path classDir = dir.resolve(GradCheckAssertionsTest.class.getName());
        String method = "theCheckAnAssertionRunsWritesTheReportFilesNamedAfterTheTestMethod";
        java.nio.file.Path json = classDir.resolve(method + ".net_3-4-1_FACTOR_2_DW2.json");
        Assertions.assertThat(json).exists();
        Assertions.assertThat(java.nio.file.Files.readString(json)).contains("\"verdict\" : \"BUG\"")
                .contains("\"testMethod\" : \"" + method + "\"");
        Assertions.assertThat(classDir.resolve(method + ".net_3-4-1_FACTOR_2_DW2.html")).exists();
        Assertions.assertThat(dir.resolve("index.html")).exists();
    }

    @Test
    void aBuggyModelFailsAndTheComponentIsNamed() {
        assertThat(TwoLayerNet.with(TwoLayerNet.Bug.FACTOR_2_DW2)).failsGradientCheck().component("dW2").isBug()
                .hasHintContaining("2.00 ×");
        assertThat(TwoLayerNet.with(TwoLayerNet.Bug.FACTOR_2_DW2)).component("dW1").isGood();
    }

    @Test
    void passesGradientCheckFailsWithASentenceAndTheReport() {
        assertThatThrownBy(() -> assertThat(TwoLayerNet.with(TwoLayerNet.Bug.FACTOR_2_DW2)).passesGradientCheck())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected the gradient check of net 3-4-1 FACTOR_2_DW2 to pass, but it was "
                        + "BUG with ratio 3.2e-01:\ngradient check BUG: ratio 3.17e-01")
                .hasMessageContaining("dW2        1×4    3.33e-01   3.33e-01   BUG")
                .hasMessageContaining("hint dW2: dW2 = 2.00 × the numerical gradient");
    }

    @Test
    void failsGradientCheckFailsOnACorrectModel() {
        assertThatThrownBy(() -> assertThat(TwoLayerNet.correct()).failsGradientCheck())
                .hasMessageStartingWith("Expected the gradient check of net 3-4-1 to fail, but it was GOOD with ratio ");
    }

    @Test
    void hasRatioBelowSaysWhatTheRatioWas() {
        assertThatThrownBy(() -> assertThat(TwoLayerNet.correct()).hasRatioBelow(1e-15))
                .hasMessageMatching("(?s)Expected the gradient check of net 3-4-1 to have a ratio below 1\\.0e-15, but "
                        + "it was \\d\\.\\d\\de-\\d\\d \\(GOOD\\):\ngradient check GOOD.*");
    }

    @Test
    void componentAssertionsNameTheComponentThePhaseAndGiveExpectedAndActual() {
        assertThatThrownBy(() -> assertThat(TwoLayerNet.with(TwoLayerNet.Bug.FACTOR_2_DW2)).component("dW2").isGood())
                .isInstanceOf(org.opentest4j.AssertionFailedError.class)
                .hasMessageStartingWith("Expected dW2 in the gradient check of net 3-4-1 FACTOR_2_DW2 to be GOOD, but "
                        + "it was BUG with ratio 3.3e-01 at initialization:\ndW2 (1×4) BUG: ratio 3.33e-01")
                .satisfies(e -> {
                    org.opentest4j.AssertionFailedError f = (org.opentest4j.AssertionFailedError) e;
                    Assertions.assertThat((String) f.getExpected().getValue()).startsWith("dW2 (1×4):");
                    Assertions.assertThat((String) f.getActual().getValue()).startsWith("dW2 (1×4):");
                });
        assertThatThrownBy(() -> assertThat(TwoLayerNet.correct()).component("dW2").isBug())
                .hasMessageStartingWith("Expected dW2 in the gradient check of net 3-4-1 to be a BUG, but it was GOOD");
        assertThatThrownBy(() -> assertThat(TwoLayerNet.correct()).component("dW9"))
                .hasMessage("Expected the gradient check of net 3-4-1 to have a component dW9, but its components are "
                        + "dW1, db1, dW2, db2");
    }

    @Test
    void optionsChangeTheCheck() {
        TwoLayerNet.Trained trained = new TwoLayerNet.Trained(3, 4, 1, 5, 0.1, 7, TwoLayerNet.Bug.NONE);
        Assertions.assertThat(assertThat(trained).report().phases()).hasSize(2);
        Assertions.assertThat(assertThat(trained).afterTraining(0).report().phases()).hasSize(1);
        Assertions.assertThat(assertThat(trained).afterTraining(5).report().phases().get(1).phase().steps())
                .isEqualTo(5);
        Assertions.assertThat(assertThat(trained).withEpsilon(1e-5).report().epsilon()).isEqualTo(1e-5);
        assertThatThrownBy(() -> assertThat(trained).withEpsilon(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ε must be in (0, 0.01]");
    }

    @Test
    void strictTurnsInspectIntoAFailure() {
        // J's noise hides the gradient at every step: unresolved, INSPECT. A 4e-6 error everywhere is a BUG.
        WavyModel wavy = WavyModel.unresolvable();
        assertThat(GradientCheck.of(wavy).run()).hasVerdict(Verdict.INSPECT);
        assertThat(wavy).passesGradientCheck();
        assertThatThrownBy(() -> assertThat(wavy).strict().passesGradientCheck())
                .hasMessageStartingWith("Expected the gradient check of wavy + 1.0E12 to pass, but it was INSPECT with "
                        + "ratio ").hasMessageContaining("(INSPECT fails a strict check):");
        assertThat(wavy).strict().failsGradientCheck();
        assertThat(new WavyModel(4e-6)).failsGradientCheck();
    }

    @Test
    void aReportCanBeAssertedDirectly() {
        GradCheckReport report = GradientCheck.of(TwoLayerNet.with(TwoLayerNet.Bug.SIGN_DB1)).run();
        assertThat(report).fails().isBug().component("db1").isBug().hasHintContaining("sign");
        assertThatThrownBy(() -> assertThat(report).passes())
                .hasMessageStartingWith("Expected the gradient check to pass, but it was BUG with ratio ");
        assertThatThrownBy(() -> assertThat(report).as("after my refactoring").isGood())
                .hasMessageStartingWith("[after my refactoring] Expected the gradient check to be GOOD");
    }
}
