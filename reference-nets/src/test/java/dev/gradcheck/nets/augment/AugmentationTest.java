package dev.gradcheck.nets.augment;

import dev.gradcheck.nets.Dataset;
import dev.gradcheck.nets.Glyphs;
import dev.gradcheck.nets.ImageShape;
import dev.gradcheck.nets.Matrix;
import dev.gradcheck.nets.Rng;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AugmentationTest {
    private static final ImageShape SHAPE = new ImageShape(16, 16, 1);

    /** A black image with one lit pixel. */
    private static Image dot(int r, int c) {
        Image image = Image.blank(SHAPE);
        image.set(r, c, 0, 1);
        return image;
    }

    private static double sum(Image image) {
        double s = 0;
        for (double v : image.pixels()) {
            s += v;
        }
        return s;
    }

    @Test
    void aFlipMirrorsEachRowAndIsItsOwnInverse() {
        Image glyph = new Image(SHAPE, Glyphs.render(2, new Glyphs.Pose(1.5, -1, 7, 0.9, 0.8, 1)));
        Image flipped = HorizontalFlip.mirrored(glyph);
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 16; c++) {
                assertThat(flipped.get(r, c, 0)).as("pixel (%d, %d)", r, c).isEqualTo(glyph.get(r, 15 - c, 0));
            }
        }
        assertThat(HorizontalFlip.mirrored(flipped).pixels()).containsExactly(glyph.pixels());
    }

    @Test
    void theMirrorOfAnLIsAJAndSymmetricGlyphsAreTheirOwnMirror() {
        int[] mirror = Glyphs.mirrors();
        for (int k = 0; k < Glyphs.classes(); k++) {
            if (mirror[k] < 0) {
                continue;
            }
            Image flipped = HorizontalFlip.mirrored(new Image(SHAPE, Glyphs.render(k, Glyphs.Pose.CENTRED)));
            assertThat(flipped.pixels()).as("the mirror image of %s is a centred %s", Glyphs.CLASSES.get(k),
                    Glyphs.CLASSES.get(mirror[k])).containsExactly(Glyphs.render(mirror[k], Glyphs.Pose.CENTRED),
                    within(1e-9));
        }
        assertThat(mirror[2]).as("L mirrors to J").isEqualTo(3);
    }

    @Test
    void aFlipRelabelsFlippedExamplesAndLeavesUnflippableClassesAlone() {
        Dataset glyphs = Glyphs.generate(40, new Rng(3));
        Dataset flipped = new HorizontalFlip(Glyphs.mirrors(), 1.0).apply(glyphs, new Rng(4));
        assertThat(flipped.shape()).isEqualTo(glyphs.shape());
        for (int j = 0; j < 40; j++) {
            int k = j % 10;
            int expected = Glyphs.mirrors()[k] < 0 ? k : Glyphs.mirrors()[k];
            assertThat(flipped.Y().get(expected, j)).as("example %d, class %s", j, Glyphs.CLASSES.get(k)).isEqualTo(1);
            Image in = Image.column(glyphs.X(), j, SHAPE);
            Image out = Image.column(flipped.X(), j, SHAPE);
            assertThat(out.pixels()).containsExactly(Glyphs.mirrors()[k] < 0 ? in.pixels()
                    : HorizontalFlip.mirrored(in).pixels());
        }
        assertThat(glyphs.Y().get(2, 2)).as("the input is not changed").isEqualTo(1);
    }

    @Test
    void aFlipRefusesAMirrorMapThatIsNotAnInvolution() {
        assertThatThrownBy(() -> new HorizontalFlip(new int[] {1, 2, 0}, 0.5))
                .hasMessageContaining("mirror[0] = 1 is not a class whose mirror is 0");
    }

    @Test
    void aShiftMovesEveryPixelByTheShiftAndPadsWithZeros() {
        Image moved = Shift.by(dot(5, 9), 2, -3);
        assertThat(moved.get(7, 6, 0)).isEqualTo(1);
        assertThat(sum(moved)).isEqualTo(1);
        assertThat(sum(Shift.by(dot(15, 0), 1, 0))).as("a pixel shifted out of the image is gone").isZero();
        Image glyph = new Image(SHAPE, Glyphs.render(7, Glyphs.Pose.CENTRED));
        assertThat(Shift.by(Shift.by(glyph, 1, 2), -1, -2).pixels()).as("shifting back restores a glyph away from "
                + "the border").containsExactly(glyph.pixels());
    }

    @Test
    void randomShiftsStayWithinTheLargestShift() {
        Dataset dots = images(dot(8, 8), 500);
        Dataset shifted = new Shift(2).apply(dots, new Rng(5));
        boolean[][] seen = new boolean[5][5];
        for (int j = 0; j < 500; j++) {
            Image out = Image.column(shifted.X(), j, SHAPE);
            assertThat(sum(out)).isEqualTo(1);
            for (int r = 0; r < 16; r++) {
                for (int c = 0; c < 16; c++) {
                    if (out.get(r, c, 0) == 1) {
                        assertThat(Math.abs(r - 8)).isLessThanOrEqualTo(2);
                        assertThat(Math.abs(c - 8)).isLessThanOrEqualTo(2);
                        seen[r - 6][c - 6] = true;
                    }
                }
            }
        }
        for (boolean[] row : seen) {
            assertThat(row).as("every shift in [−2, 2]² occurs in 500 draws").containsOnly(true);
        }
    }

    @Test
    void aQuarterTurnTakesRightOfCentreToBelowIt() {
        // Centre (7.5, 7.5): pixel (7, 12) is 4.5 right and 0.5 up; a clockwise quarter turn puts it 4.5 below and
        // 0.5 right: pixel (12, 8).
        Image turned = Rotation.by(dot(7, 12), 90);
        assertThat(turned.get(12, 8, 0)).isCloseTo(1, within(1e-9));
        assertThat(sum(turned)).isCloseTo(1, within(1e-9));
        Image glyph = new Image(SHAPE, Glyphs.render(4, Glyphs.Pose.CENTRED));
        Image fourTurns = Rotation.by(Rotation.by(Rotation.by(Rotation.by(glyph, 90), 90), 90), 90);
        assertThat(fourTurns.pixels()).containsExactly(glyph.pixels(), within(1e-9));
        assertThat(Rotation.by(glyph, 0).pixels()).containsExactly(glyph.pixels());
    }

    @Test
    void aSmallRotationBackAndForthPutsTheInkBackWhereItWas() {
        // An off-centre glyph: rotating it moves its centre of ink; rotating back returns it (bilinear reads blur
        // the strokes a little each way, so the pixels themselves only come back approximately).
        Image glyph = new Image(SHAPE, Glyphs.render(2, new Glyphs.Pose(2, 1.5, 0, 0.8, 1, 1)));
        Image turned = Rotation.by(glyph, 10);
        Image back = Rotation.by(turned, -10);
        double[] at = centroid(glyph);
        double row = 7.5 + Math.sin(Math.toRadians(10)) * (at[1] - 7.5) + Math.cos(Math.toRadians(10)) * (at[0] - 7.5);
        assertThat(centroid(turned)[0]).as("centre row after 10°").isCloseTo(row, within(0.15));
        assertThat(centroid(back)).as("centre of ink after 10° and back").containsExactly(at, within(0.1));
        assertThat(sum(back)).isCloseTo(sum(glyph), within(0.05 * sum(glyph)));
    }

    /** The centre of ink (row, column). */
    private static double[] centroid(Image image) {
        double r0 = 0;
        double c0 = 0;
        double ink = 0;
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 16; c++) {
                double v = image.get(r, c, 0);
                r0 += r * v;
                c0 += c * v;
                ink += v;
            }
        }
        return new double[] {r0 / ink, c0 / ink};
    }

    @Test
    void anElasticDistortionMovesPixelsAtMostAlphaAndSmoothly() {
        ElasticDistortion elastic = new ElasticDistortion(1.0, 5);
        double[] field = elastic.field(16, 16, new Rng(8));
        double max = 0;
        double step = 0;
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 16; c++) {
                max = Math.max(max, Math.abs(field[r * 16 + c]));
                step += c > 0 ? Math.abs(field[r * 16 + c] - field[r * 16 + c - 1]) / (16 * 15) : 0;
            }
        }
        assertThat(max).as("the largest displacement is alpha").isCloseTo(1.0, within(1e-12));
        // Independent uniform displacements would differ by 2/3 on average between neighbours.
        assertThat(step).as("mean change between neighbouring pixels' displacements").isLessThan(0.3);
        Image moved = Image.column(elastic.apply(images(dot(8, 8), 1), new Rng(9)).X(), 0, SHAPE);
        assertThat(sum(moved)).as("the dot's ink is still there").isGreaterThan(0.5);
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 16; c++) {
                if (moved.get(r, c, 0) > 0) {
                    // Read from at most 1 pixel away each way, bilinearly: ink lands within 1 pixel of (8, 8).
                    assertThat(Math.abs(r - 8)).as("ink of (8, 8) found at (%d, %d)", r, c).isLessThanOrEqualTo(1);
                    assertThat(Math.abs(c - 8)).as("ink of (8, 8) found at (%d, %d)", r, c).isLessThanOrEqualTo(1);
                }
            }
        }
    }

    @Test
    void noDisplacementIsTheIdentity() {
        Image glyph = new Image(SHAPE, Glyphs.render(0, Glyphs.Pose.CENTRED));
        assertThat(ElasticDistortion.displace(glyph, new double[256], new double[256]).pixels())
                .containsExactly(glyph.pixels());
        Dataset one = images(glyph, 1);
        assertThat(new ElasticDistortion(0, 5).apply(one, new Rng(1)).X().data()).containsExactly(one.X().data());
    }

    @Test
    void everyTransformKeepsTheShapeAndTheLabelsAndIsSeeded() {
        Dataset glyphs = Glyphs.generate(30, new Rng(2));
        Augmentation[] all = {new Shift(2), new Rotation(12), new ElasticDistortion(0.8, 5),
                new HorizontalFlip(Glyphs.mirrors(), 0.5)};
        for (Augmentation a : all) {
            Dataset out = a.apply(glyphs, new Rng(6));
            assertThat(out.shape()).isEqualTo(SHAPE);
            assertThat(out.X().shape()).isEqualTo("256×30");
            assertThat(out.X().data()).as("%s changes the images", a.getClass().getSimpleName())
                    .isNotEqualTo(glyphs.X().data());
            assertThat(a.apply(glyphs, new Rng(6)).X().data()).as("the same seed, the same images")
                    .containsExactly(out.X().data());
            if (!(a instanceof HorizontalFlip)) {
                assertThat(out.Y().data()).containsExactly(glyphs.Y().data());
            }
        }
    }

    @Test
    void transformsRefuseExamplesThatAreNoImages() {
        Dataset vectors = new Dataset(new Matrix(4, 3), new Matrix(1, 3));
        assertThatThrownBy(() -> new Rotation(10).apply(vectors, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a rotation needs image examples (h×w×c), got examples of shape 4×1×1");
        assertThatThrownBy(() -> new Shift(-1)).hasMessageContaining("≥ 0 pixels, got -1");
    }

    /** {@code m} copies of one image, labelled class 0 of 10. */
    private static Dataset images(Image image, int m) {
        Matrix x = new Matrix(SHAPE.size(), m);
        Matrix y = new Matrix(10, m);
        for (int j = 0; j < m; j++) {
            image.into(x, j);
            y.set(0, j, 1);
        }
        return new Dataset(x, y, SHAPE);
    }
}
