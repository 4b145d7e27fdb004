package dev.autoeditor.model;

import static dev.autoeditor.model.GraphNames.*;

import dev.autoeditor.data.WindowBatch;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Knowledge distillation attached to a student's heads (Hinton et al. 2015, with the regression term of
 * the product design):
 * <pre>
 * L    = alpha * L_KD + (1 - alpha) * L_GT
 * L_KD = T^2 * (KL_active + KL_asset) + w_reg * Huber(student regressions, teacher regressions)
 * </pre>
 * L_GT is {@link SupervisedLoss} on the true frames. KL_active is the Bernoulli KL(teacher || student)
 * of the active logits divided by T, averaged over the valid (pair, track) terms (the ground-truth
 * active weights); KL_asset is the categorical KL of the asset logits divided by T, and the regression
 * term the Huber loss (delta {@code train.huber_delta}), both averaged where the true target track is
 * active (the ground-truth asset and regression weights), as the supervised terms are. T^2 keeps the
 * gradients of the softened terms on the scale of the hard ones (Hinton et al.).
 *
 * <p>The teacher's logits and regressions are fed as inputs, so the graph never contains the teacher.
 * Both KL terms are written as cross-entropy minus the teacher's entropy, with the same ops on both
 * sides, so when the student's logits equal the teacher's each term is exactly 0. {@link #LOSS_KD}
 * is the KL itself (KL_active + KL_asset, at temperature T, without the T^2 factor).
 */
public final class DistillationLoss {
    private static final int K = WindowBatch.TRACKS;
    private static final int R = WindowBatch.REGRESSIONS;

    /** [B, T, K] the teacher's active logits for frame t+1. */
    public static final String TEACHER_ACTIVE_LOGIT = "teacher_active_logit";
    /** [B, T, K, C] the teacher's asset logits. */
    public static final String TEACHER_ASSET_LOGITS = "teacher_asset_logits";
    /** [B, T, K, R] the teacher's (normalised) regressions. */
    public static final String TEACHER_REGRESSION = "teacher_regression";
    /** Scalars fed every step: T, alpha and w_reg. */
    public static final String TEMPERATURE = "kd_temperature";
    public static final String ALPHA = "kd_alpha";
    public static final String REGRESSION_WEIGHT = "kd_regression_weight";

    /** The ground-truth part L_GT (the supervised weighted total). */
    public static final String LOSS_GT = "loss_gt";
    /** KL_active + KL_asset: 0 when the student's logits equal the teacher's. */
    public static final String LOSS_KD = "loss_kd";
    public static final String LOSS_KD_ACTIVE = "loss_kd_active";
    public static final String LOSS_KD_ASSET = "loss_kd_asset";
    /** Huber(student regressions, teacher regressions), masked where the true target is active. */
    public static final String LOSS_KD_REGRESSION = "loss_kd_regression";
    /** The scalars read every step, the total minimised first: the metrics columns of a distillation run. */
    public static final List<String> OUTPUTS = List.of(LOSS, LOSS_GT, LOSS_KD, LOSS_KD_ACTIVE, LOSS_KD_ASSET, LOSS_KD_REGRESSION,
            LOSS_ACTIVE, LOSS_ASSET, LOSS_REGRESSION);

    private DistillationLoss() {}

    /** The three distillation terms as named scalars. */
    public record Terms(SDVariable klActive, SDVariable klAsset, SDVariable regression) {}

    /**
     * Adds the supervised loss (as {@link #LOSS_GT}), the teacher inputs and the distillation terms to
     * {@code student}'s graph, and makes their mix {@link GraphNames#LOSS} the variable minimised.
     */
    public static void attach(Network student) {
        SameDiff sd = student.sameDiff();
        int c = student.config().assetClasses();
        SDVariable groundTruth = SupervisedLoss.build(student, LOSS_GT);
        SDVariable teacherActive = sd.placeHolder(TEACHER_ACTIVE_LOGIT, DataType.FLOAT, -1, -1, K);
        SDVariable teacherAsset = sd.placeHolder(TEACHER_ASSET_LOGITS, DataType.FLOAT, -1, -1, K, c);
        SDVariable teacherRegression = sd.placeHolder(TEACHER_REGRESSION, DataType.FLOAT, -1, -1, K, R);
        SDVariable temperature = sd.placeHolder(TEMPERATURE, DataType.FLOAT);
        SDVariable alpha = sd.placeHolder(ALPHA, DataType.FLOAT);
        SDVariable regressionWeight = sd.placeHolder(REGRESSION_WEIGHT, DataType.FLOAT);

        Terms kd = terms(sd, student.output(ACTIVE_LOGIT), teacherActive, student.output(ASSET_LOGITS), teacherAsset,
                student.output(REGRESSION), teacherRegression, sd.getVariable(WEIGHT_ACTIVE), sd.getVariable(WEIGHT_ASSET),
                sd.getVariable(WEIGHT_REGRESSION), temperature, sd.getVariable(HUBER_DELTA));
        SDVariable kl = kd.klActive().add(kd.klAsset()).rename(LOSS_KD);
        SDVariable distillation = kl.mul(temperature.mul(temperature)).add(kd.regression().mul(regressionWeight));
        distillation.mul(alpha).add(groundTruth.mul(alpha.rsub(1.0))).rename(LOSS);
        sd.setLossVariables(LOSS);
    }

    /**
     * The distillation terms, named {@link #LOSS_KD_ACTIVE}, {@link #LOSS_KD_ASSET} and
     * {@link #LOSS_KD_REGRESSION}: each element's term times its weight (the weights hold the masks and
     * each mean's 1/count), summed.
     *
     * @param studentActive [B, T, K] logits; teacherActive the same shape
     * @param studentAsset  [B, T, K, C] logits; teacherAsset the same shape
     * @param studentRegression [B, T, K, R]; teacherRegression the same shape
     * @param weightActive  [B, T, K]: valid terms / their number
     * @param weightAsset   [B, T, K]: valid terms with the true target on / their number
     * @param weightRegression [B, T, K, 1]: as weightAsset, divided by R
     * @param temperature   scalar T
     * @param huberDelta    scalar Huber transition point
     */
    public static Terms terms(SameDiff sd, SDVariable studentActive, SDVariable teacherActive, SDVariable studentAsset,
                              SDVariable teacherAsset, SDVariable studentRegression, SDVariable teacherRegression,
                              SDVariable weightActive, SDVariable weightAsset, SDVariable weightRegression,
                              SDVariable temperature, SDVariable huberDelta) {
        // Bernoulli KL(p_t || p_s) = CE(p_t, z_s) - H(p_t), both as stable BCE-with-logits at z / T.
        SDVariable zs = studentActive.div(temperature);
        SDVariable zt = teacherActive.div(temperature);
        SDVariable pt = sd.nn.sigmoid(zt);
        SDVariable klActive = bceWithLogits(sd, zs, pt).sub(bceWithLogits(sd, zt, pt));
        SDVariable lossActive = sd.sum(LOSS_KD_ACTIVE, klActive.mul(weightActive));

        // Categorical KL = sum_c p_t (log p_t - log p_s), log-softmax written out, the same ops on both sides
        // (so equal logits give exactly 0; SupervisedLoss's fused cross-entropy would break that).
        SDVariable logPs = logSoftmax(sd, studentAsset.div(temperature));
        SDVariable logPt = logSoftmax(sd, teacherAsset.div(temperature));
        SDVariable klAsset = sd.sum(sd.math.exp(logPt).mul(logPt.sub(logPs)), false, 3);
        SDVariable lossAsset = sd.sum(LOSS_KD_ASSET, klAsset.mul(weightAsset));

        // Huber(e) = 0.5 q^2 + delta * (|e| - q), q = min(|e|, delta).
        SDVariable error = studentRegression.sub(teacherRegression);
        SDVariable abs = sd.math.abs(error);
        SDVariable beyond = sd.nn.relu(abs.sub(huberDelta), 0);
        SDVariable q = abs.sub(beyond);
        SDVariable huber = q.mul(q).mul(0.5).add(beyond.mul(huberDelta));
        SDVariable lossRegression = sd.sum(LOSS_KD_REGRESSION, huber.mul(weightRegression));
        return new Terms(lossActive, lossAsset, lossRegression);
    }

    /** max(z, 0) - z * y + log(1 + exp(-|z|)): the cross-entropy of target probability y under logit z. */
    private static SDVariable bceWithLogits(SameDiff sd, SDVariable z, SDVariable y) {
        return sd.nn.relu(z, 0).sub(z.mul(y)).add(sd.math.log1p(sd.math.exp(sd.math.abs(z).neg())));
    }

    /** log-softmax over the last axis (3) of a [B, T, K, C] array. */
    private static SDVariable logSoftmax(SameDiff sd, SDVariable logits) {
        SDVariable shifted = logits.sub(sd.max(logits, true, 3));
        return shifted.sub(sd.math.log(sd.sum(sd.math.exp(shifted), true, 3)));
    }
}
