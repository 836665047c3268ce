package io.pgconverge.cli;

import picocli.CommandLine.Command;

/** {@code pgconverge lab up|down|status}: the local sandbox cluster. */
@Command(name = "lab", description = "Start, stop or show the local lab nodes.")
public final class LabCommand implements Runnable {
    @Override
    public void run() {
        throw new io.pgconverge.model.EngineException("lab is not available yet");
    }
}
