package dev.gradcheck.nets.practice;

import dev.gradcheck.Verdict;
import dev.gradcheck.nets.practice.BiasVariance.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The recipe on a smaller configuration (fewer glyphs, a narrower network, fewer epochs), seeded. */
class RecipeTest {
    private static Recipe.Result result;

    @BeforeAll
    static void runTheRecipeOnce() {
        result = Recipe.run(Recipe.Config.small(1), Recipe.Progress.NONE);
    }

    private static Recipe.Run run(String name) {
        return result.runs().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theRunsAreTheRecipesInOrder() {
        assertThat(result.runs()).extracting(Recipe.Run::name)
                .containsExactly("baseline", "l2", "dropout", "augmentation", "early-stopping");
        assertThat(result.sizes()).containsExactly(180, 60, 60);
    }

    @Test
    void theBaselineFitsTheTrainingSetAndNotTheDevSet() {
        Recipe.Run base = run("baseline");
        assertThat(base.trainError()).as("baseline train error").isLessThan(0.02);
        assertThat(base.devError()).as("baseline dev error").isGreaterThan(0.2);
        assertThat(result.baseline().kind()).isEqualTo(Kind.HIGH_VARIANCE);
    }

    @Test
    void augmentationLowersTheBaselinesDevError() {
        double base = run("baseline").devError();
        double augmented = run("augmentation").devError();
        assertThat(augmented).as("dev error with augmentation, against the baseline's %s", base)
                .isLessThan(base - 0.1);
        assertThat(result.chosen().name()).isEqualTo("augmentation");
    }

    @Test
    void everyRunHasItsOwnDiagnosisAndEpochs() {
        for (Recipe.Run r : result.runs()) {
            assertThat(r.diagnosis()).isEqualTo(BiasVariance.diagnose(r.trainError(), r.devError(), 0));
        }
        Recipe.Run early = run("early-stopping");
        assertThat(early.epochs()).as("early stopping's best epoch").isBetween(0, 250);
    }

    @Test
    void theKeptNetworkPassesItsGradientCheck() {
        assertThat(result.check().verdict()).isEqualTo(Verdict.GOOD);
        assertThat(result.check().parameters()).isEqualTo(256 * 32 + 32 + 32 * 10 + 10);
        assertThat(result.network().m()).as("checked on the (unaugmented) training set").isEqualTo(180);
    }

    @Test
    void aBaselineWithHighBiasGetsABiggerNetwork() {
        // Two hidden units cannot fit ten classes: the baseline has high bias, and the recipe adds a bigger network.
        Recipe.Result tiny = Recipe.run(new Recipe.Config(100, 0.6, 0.2, 0.2, new int[] {2}, 40, 0.1, 6, 0.6, 10, 3),
                Recipe.Progress.NONE);
        assertThat(tiny.baseline().kind()).isIn(Kind.HIGH_BIAS, Kind.HIGH_BIAS_AND_VARIANCE);
        List<String> names = tiny.runs().stream().map(Recipe.Run::name).toList();
        assertThat(names).containsExactly("baseline", "bigger", "l2", "dropout", "augmentation", "early-stopping");
        assertThat(tiny.runs().get(1).trainError()).as("train error of the bigger network, against %s",
                tiny.runs().get(0).trainError()).isLessThan(tiny.runs().get(0).trainError());
    }
}
