package com.sizemotion.incidents.app.web;

import com.sizemotion.incidents.api.access.Actor;
import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.app.security.ApiTokenAuthentication;
import com.sizemotion.incidents.app.token.ApiToken;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives controllers of both sides the authenticated {@link Caller}: an API token acts for its
 * teams under its own name, the admin for every team.
 */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ApiTokenAuthentication tokenAuthentication) {
            ApiToken token = tokenAuthentication.token();
            return new Caller(Actor.token(token.id(), token.name()), token.teamIds());
        }
        if (authentication != null && authentication.isAuthenticated()
                && authentication.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()))) {
            return Caller.allTeams(Actor.admin(authentication.getName()));
        }
        throw new AuthenticationCredentialsNotFoundException("No caller for " + parameter);
    }
}
