package org.qise.portal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A browser test run once per window size of the one shared table, {@link Chromium#windowSizes()}:
 * a desktop and a 390 px phone. The test method takes {@code (int width, int height)}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "at {0}×{1} px")
@MethodSource("org.qise.portal.Chromium#windowSizes")
public @interface DesktopAndPhone {}
