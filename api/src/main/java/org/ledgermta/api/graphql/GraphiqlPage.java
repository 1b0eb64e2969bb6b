package org.ledgermta.api.graphql;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** /graphiql shows the GraphiQL page vendored under static/graphiql (no CDN, no internet needed). */
@Configuration(proxyBeanMethods = false)
public class GraphiqlPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/graphiql", "/graphiql/index.html");
    }
}
