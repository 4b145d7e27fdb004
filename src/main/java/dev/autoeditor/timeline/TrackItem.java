package dev.autoeditor.timeline;

/** Something on a video or audio track: a clip or a transition. */
public sealed interface TrackItem permits Clip, Transition {}
