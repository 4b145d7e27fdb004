package dev.autoeditor.generate;

/**
 * Sees every generated frame as the {@link Generator} records it: what RLHF rollouts and preference
 * sampling keep (the window, the action taken, its log-probability, the reference's distribution).
 */
@FunctionalInterface
public interface StepListener {
    StepListener NONE = step -> {};

    void onStep(Step step);

    /**
     * One frame of one continuation.
     *
     * @param prompt        the prompt's index in the request
     * @param frame         the frame's index in the continuation (0 = the first generated)
     * @param window        what the policy saw
     * @param sampled       what the policy proposed
     * @param taken         what the decoding constraints made of it, in the window's classes: the frame recorded
     * @param recorded      the frame recorded (a keyframe-table row, a copy)
     * @param proposal      the proposal (with the model's distribution, or none for a baseline)
     * @param logProb       log pi(taken) under the proposal's distribution; NaN for a baseline
     * @param reference     the reference policy's distribution on the same windows, or null
     * @param referenceRow  this context's row in {@code reference}
     */
    record Step(int prompt, long frame, ContextWindow window, FrameAction sampled, FrameAction taken, double[] recorded,
                ContinuationPolicy.Proposal proposal, double logProb, NextFrames reference, int referenceRow) {
        /** log pi_ref(taken) at the proposal's temperature; NaN without a reference. */
        public double referenceLogProb() {
            return reference == null ? Double.NaN : reference.logProb(referenceRow, taken, temperature());
        }

        /** KL(policy || reference) of this frame's distribution; NaN without both. */
        public double kl() {
            if (reference == null || proposal.distribution() == null) return Double.NaN;
            return proposal.distribution().kl(proposal.row(), reference, referenceRow, temperature());
        }

        private double temperature() {
            return Double.isNaN(proposal.temperature()) ? 1 : proposal.temperature();
        }
    }
}
