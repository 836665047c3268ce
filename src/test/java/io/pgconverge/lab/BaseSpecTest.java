package io.pgconverge.lab;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaseSpecTest {
    @Test
    void aBaseIsNamedAfterItsReleaseAndAHashOfItsPackages() {
        BaseSpec bookworm = BaseSpec.of(DebianRelease.BOOKWORM);
        assertTrue(bookworm.name().matches("bookworm-[0-9a-f]{12}"), bookworm.name());
        assertEquals(bookworm.name(), BaseSpec.of(DebianRelease.BOOKWORM).name());
        BaseSpec more = new BaseSpec(DebianRelease.BOOKWORM, List.of("postgresql-15", "vim"));
        assertNotEquals(bookworm.name(), more.name());
        assertEquals(Path.of("/var/cache/pgconverge/bases", bookworm.name()), bookworm.dir());
    }

    @Test
    void debootstrapInstallsPostgresqlOfTheReleaseAndWhatANodeNeeds() {
        List<String> c = BaseSpec.of(DebianRelease.TRIXIE).debootstrapCommand(Path.of("/x/.partial"),
                "http://deb.debian.org/debian");
        assertEquals(List.of("debootstrap", "--variant=minbase"), c.subList(0, 2));
        assertTrue(c.get(2).startsWith("--include=postgresql-17,sudo,openssh-server,iproute2,procps,locales"),
                c.get(2));
        assertEquals(List.of("trixie", "/x/.partial", "http://deb.debian.org/debian"), c.subList(3, 6));
    }

    @Test
    void theMirrorIsTheOneAptUsesInEitherFormat() {
        String deb822 = """
                Types: deb
                # http://snapshot.debian.org/archive/debian/20250520T000000Z
                URIs: http://deb.debian.org/debian
                Suites: bookworm bookworm-updates

                Types: deb
                URIs: http://deb.debian.org/debian-security
                """;
        assertEquals(Optional.of("http://deb.debian.org/debian"), AptMirror.debianMirror(deb822));
        assertEquals(Optional.of("http://ftp.example.org/debian"), AptMirror.debianMirror(
                "deb [arch=amd64] http://ftp.example.org/debian/ bookworm main\n"));
        assertEquals(Optional.empty(), AptMirror.debianMirror("deb https://packages.cloud.google.com/apt x main\n"));
    }
}
