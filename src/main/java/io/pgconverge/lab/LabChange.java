package io.pgconverge.lab;

/** One thing the lab did, such as {@code node2: started (pid 4242)}. */
public record LabChange(String subject, String what) {
}
