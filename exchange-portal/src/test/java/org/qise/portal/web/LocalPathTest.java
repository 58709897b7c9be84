package org.qise.portal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalPathTest {
    @ParameterizedTest(name = "{0} is kept")
    @ValueSource(strings = {"/", "/me/runs", "/runs/abc123?page=2", "/search?q=teleport&sort=created#top", "/circuits/x/versions/2"})
    void pathsOnThisSiteAreKept(String path) {
        assertEquals(Optional.of(path), LocalPath.of(path));
    }

    @ParameterizedTest(name = "[{index}] {0} is refused")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "//evil.example/",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example/me/runs",
            "javascript:alert(1)",
            "evil.example",
            "me/runs",
            "\"/\tevil\"",
            "\" /me/runs\"",
    })
    void addressesOfOtherSitesAreRefused(String target) {
        assertEquals(Optional.empty(), LocalPath.of(target));
    }

    @ParameterizedTest(name = "line break in a path is refused")
    @ValueSource(strings = {"/\n/evil.example", "/me\r\nSet-Cookie: x=1"})
    void controlCharactersAreRefused(String target) {
        assertEquals(Optional.empty(), LocalPath.of(target));
    }
}
