package com.sizemotion.incidents.app.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The admin's sign-in form for the Admin Settings pages; Spring Security handles its POST. */
@Controller
class AdminLoginController {

    @GetMapping("/admin/login")
    String login() {
        return "admin/login";
    }

    @GetMapping("/admin")
    String settings() {
        return "redirect:/admin/api-tokens";
    }
}
