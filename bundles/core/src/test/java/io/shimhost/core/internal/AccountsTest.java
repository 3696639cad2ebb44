package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.PeerAccess.LocalUser;

class AccountsTest {

    @TempDir
    Path dir;

    private Accounts accounts() throws Exception {
        return new Accounts(Files.write(dir.resolve("passwd"), List.of("root:x:0:0:root:/root:/bin/bash",
                "ops:x:1000:1001:Operator:/home/ops:/bin/bash", "lone:x:1002:4242::/:/bin/sh")),
                Files.write(dir.resolve("group"), List.of("root:x:0:", "shimops:x:1001:ops")));
    }

    @Test
    void aUidIsNamedWithItsPrimaryGroup() throws Exception {
        assertThat(accounts().of(1000)).isEqualTo(new LocalUser("ops", "shimops"));
        assertThat(accounts().of(0)).isEqualTo(new LocalUser("root", "root"));
    }

    @Test
    void aUidOrGidWithoutAnEntryIsItsNumber() throws Exception {
        assertThat(accounts().of(31337)).isEqualTo(new LocalUser("31337", "31337"));
        assertThat(accounts().of(1002)).isEqualTo(new LocalUser("lone", "4242"));
    }
}
