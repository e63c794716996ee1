package com.hubble.kit.junit5;

import java.lang.reflect.AnnotatedElement;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link HubbleSandbox}: one sandbox per test class, started before the class's
 * {@code @BeforeAll} methods, closed with the class's extension store after its {@code @AfterAll} methods.
 */
public final class HubbleSandboxExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HubbleSandboxExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        HubbleSandbox settings = AnnotationSupport.findAnnotation((AnnotatedElement) testClass, HubbleSandbox.class)
                .orElseThrow(() -> new ExtensionConfigurationException(
                        "HubbleSandboxExtension needs @HubbleSandbox on " + testClass.getName()));
        RunningSandbox sandbox;
        try {
            sandbox = RunningSandbox.start(settings, testClass.getName());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@HubbleSandbox on " + testClass.getName() + ": " + e.getMessage());
        }
        // The store closes it (AutoCloseable) when the class's context ends.
        context.getStore(NAMESPACE).put(testClass, sandbox);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningSandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        RunningSandbox sandbox = context.getStore(NAMESPACE).get(testClass, RunningSandbox.class);
        if (sandbox == null) {
            throw new ParameterResolutionException("no Hubble sandbox runs for " + testClass.getName()
                    + "; annotate the class with @HubbleSandbox");
        }
        return sandbox;
    }
}
