package io.pgconverge.model;

/**
 * The WAL archive: archive_mode/archive_command on the primary, optionally restore_command on standbys.
 *
 * @param dir archive directory on every node
 * @param restoreOnStandbys whether standbys get a restore_command reading from dir
 */
public record ArchiveSpec(String dir, boolean restoreOnStandbys) {
}
