package dev.autoeditor.timeline;

/** Something on a video track: a clip or a transition. */
public sealed interface TrackItem permits Clip, Transition {}
