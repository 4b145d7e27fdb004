package dev.autoeditor.train;

import dev.autoeditor.util.UserException;

/** Training produced NaN/Inf or an exploding gradient; the message says what happened and what to try. */
public final class TrainingDivergedException extends UserException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
