package dev.gradcheck.nets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlyphsTest {

    @Test
    void examplesAre16By16ImagesWithOneHotBalancedLabels() {
        Dataset d = Glyphs.generate(50, new Rng(1));
        assertThat(d.shape()).isEqualTo(new ImageShape(16, 16, 1));
        assertThat(d.X().shape()).isEqualTo("256×50");
        assertThat(d.Y().shape()).isEqualTo("10×50");
        int[] perClass = new int[10];
        for (int j = 0; j < 50; j++) {
            double column = 0;
            for (int k = 0; k < 10; k++) {
                column += d.Y().get(k, j);
                perClass[k] += (int) d.Y().get(k, j);
            }
            assertThat(column).as("labels of example %d sum to 1", j).isEqualTo(1);
        }
        assertThat(perClass).containsOnly(5);
    }

    @Test
    void theSameSeedMakesTheSameImagesAndAnotherSeedOthers() {
        assertThat(Glyphs.generate(20, new Rng(7)).X().data()).containsExactly(Glyphs.generate(20, new Rng(7)).X()
                .data());
        assertThat(Glyphs.generate(20, new Rng(8)).X().data()).isNotEqualTo(Glyphs.generate(20, new Rng(7)).X()
                .data());
    }

    @Test
    void aGlyphIsInkOnABlackBackgroundInsideTheImage() {
        for (int k = 0; k < Glyphs.classes(); k++) {
            double[] image = Glyphs.render(k, Glyphs.Pose.CENTRED);
            double ink = 0;
            for (double v : image) {
                assertThat(v).isBetween(0.0, 1.0);
                ink += v;
            }
            assertThat(ink).as("ink of %s", Glyphs.CLASSES.get(k)).isGreaterThan(10);
            for (int i = 0; i < 16; i++) {
                assertThat(image[Glyphs.SHAPE.index(0, i, 0)] + image[Glyphs.SHAPE.index(i, 0, 0)])
                        .as("a centred %s leaves the left and top border black", Glyphs.CLASSES.get(k)).isZero();
            }
        }
    }

    @Test
    void everyClassLooksDifferentFromEveryOther() {
        for (int a = 0; a < Glyphs.classes(); a++) {
            for (int b = a + 1; b < Glyphs.classes(); b++) {
                double[] x = Glyphs.render(a, Glyphs.Pose.CENTRED);
                double[] y = Glyphs.render(b, Glyphs.Pose.CENTRED);
                double diff = 0;
                for (int i = 0; i < x.length; i++) {
                    diff += Math.abs(x[i] - y[i]);
                }
                assertThat(diff).as("%s against %s", Glyphs.CLASSES.get(a), Glyphs.CLASSES.get(b))
                        .isGreaterThan(5);
            }
        }
    }

    @Test
    void thePoseMovesTheGlyph() {
        double[] centred = Glyphs.render(1, Glyphs.Pose.CENTRED);
        double[] shifted = Glyphs.render(1, new Glyphs.Pose(2, 0, 0, 1, 1, 1));
        // The bar, two pixels to the right: column c of the centred bar is column c + 2 of the shifted one.
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 14; c++) {
                assertThat(shifted[Glyphs.SHAPE.index(r, c + 2, 0)])
                        .isCloseTo(centred[Glyphs.SHAPE.index(r, c, 0)], org.assertj.core.api.Assertions.within(1e-9));
            }
        }
    }

    @Test
    void badRequestsAreRefused() {
        assertThatThrownBy(() -> Glyphs.generate(0, new Rng(1))).hasMessage("the task needs m ≥ 1 examples, got 0");
        assertThatThrownBy(() -> Glyphs.render(10, Glyphs.Pose.CENTRED))
                .hasMessage("class 10 does not exist: classes are 0..9");
        assertThatThrownBy(() -> new Dataset(new Matrix(255, 2), new Matrix(10, 2), Glyphs.SHAPE))
                .hasMessageContaining("examples of shape 16×16×1 have 256 entries");
    }
}
