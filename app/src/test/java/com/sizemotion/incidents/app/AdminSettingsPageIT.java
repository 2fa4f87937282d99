package com.sizemotion.incidents.app;

import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin Settings → API Tokens in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, installed by {@code .ci/run}): sign in, create a token, use it against
 * the API, revoke it, see it refused.
 */
class AdminSettingsPageIT extends PostgresServiceTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Pattern TOKEN = Pattern.compile("inc_[0-9A-Za-z]{49}");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path profile;

    private WebDriver browser;
    private long teamId;
    private String teamName;

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        teamName = "Web " + UUID.randomUUID().toString().substring(0, 8);
        teamId = api.createTeam(teamName);
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void createsATokenThatWorksAtOnceShowsItOnceAndRevokesIt() throws InterruptedException {
        signIn(ADMIN_PASSWORD);
        awaitHeading("API Tokens");

        browser.findElement(By.id("name")).sendKeys("Datadog Integration");
        browser.findElement(By.id("team-" + teamId)).click();
        button("Create token").click();

        awaitHeading("Token created");
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("you won't see it again");
        String token = browser.findElement(By.id("new-token")).getDomProperty("value");
        assertThat(token).matches(TOKEN);
        WebElement copy = browser.findElement(By.id("copy-token"));
        assertThat(copy.isDisplayed()).isTrue();
        copy.click();
        await().until(page -> !page.findElement(By.id("copy-status")).getText().isEmpty());

        Response created = api.postAsToken("/api/v1/incidents", token,
                "{\"team_id\":%d,\"title\":\"Created with a token from the page\",\"severity\":2}".formatted(teamId));
        assertThat(created.status()).isEqualTo(201);

        browser.get(baseUrl() + "/admin/api-tokens");
        assertThat(browser.getPageSource()).as("shown exactly once").doesNotContain(token);
        assertThat(tokenRow("Datadog Integration").getText())
                .contains(token.substring(0, 12), teamName, "60 per minute", "Active");

        tokenRow("Datadog Integration").findElement(By.xpath(".//button[normalize-space()='Revoke']")).click();
        awaitHeading("Revoke the token “Datadog Integration”?");
        button("Revoke token").click();
        awaitHeading("API Tokens");

        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("is revoked");
        assertThat(tokenRow("Datadog Integration").getText()).contains("Revoked");
        assertThat(statusWithin(Duration.ofMillis(1500), token)).isEqualTo(401);
    }

    @Test
    void showsWhatIsWrongNextToTheFieldAndKeepsTheInput() {
        signIn(ADMIN_PASSWORD);
        awaitHeading("API Tokens");
        browser.findElement(By.id("name")).sendKeys("Too eager");
        WebElement limit = browser.findElement(By.id("rateLimitPerMinute"));
        limit.clear();
        limit.sendKeys("0");

        ((JavascriptExecutor) browser).executeScript("document.getElementById('name').form.submit()");

        await().until(ExpectedConditions.presenceOfElementLocated(By.id("rate-limit-error")));
        assertThat(browser.findElement(By.id("rate-limit-error")).getText())
                .isEqualTo("The rate limit per minute must be between 1 and 1000000.");
        assertThat(browser.findElement(By.id("name")).getDomProperty("value")).isEqualTo("Too eager");
        assertThat(browser.getPageSource()).doesNotContainPattern(TOKEN);
    }

    @Test
    void refusesAWrongPassword() {
        signIn("not-the-password");

        await().until(ExpectedConditions.urlContains("?error"));
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("wrong");
    }

    @Test
    void showsTheIncidentPageThatIncidentUrlsPointToBehindTheSameLogin() throws Exception {
        long teamId = api.createTeam("page-" + UUID.randomUUID());
        long id = api.postAsAdmin("/api/v1/incidents", "{\"team_id\":%d,\"title\":\"<b>Disk</b> full\",\"severity\":2}"
                .formatted(teamId)).data().get("id").asLong();
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        HttpResponse<String> anonymous = http.send(get("/incidents/" + id), HttpResponse.BodyHandlers.ofString());
        String loginPage = http.send(get("/admin/login"), HttpResponse.BodyHandlers.ofString()).body();
        http.send(post("/admin/login", "username=admin&password=" + ADMIN_PASSWORD + "&_csrf=" + csrf(loginPage)),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> page = http.send(get("/incidents/" + id), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("Incident " + id + ": &lt;b&gt;Disk&lt;/b&gt; full").contains("created");
    }

    @Test
    void worksWithoutJavaScriptAndNeverLetsTheNewTokenBeCached() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> unauthenticated = http.send(get("/admin/api-tokens"), HttpResponse.BodyHandlers.ofString());
        assertThat(unauthenticated.statusCode()).isEqualTo(302);
        assertThat(unauthenticated.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login"));

        String loginPage = http.send(get("/admin/login"), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> signedIn = http.send(post("/admin/login", "username=admin&password=" + ADMIN_PASSWORD
                + "&_csrf=" + csrf(loginPage)), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/admin/api-tokens"));
        String tokensPage = http.send(get("/admin/api-tokens"), HttpResponse.BodyHandlers.ofString()).body();

        HttpResponse<String> withoutCsrf = http.send(post("/admin/api-tokens", "name=forged"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> created = http.send(post("/admin/api-tokens", "name=" + form("Prometheus Alertmanager")
                + "&rateLimitPerMinute=30&_csrf=" + csrf(tokensPage)), HttpResponse.BodyHandlers.ofString());

        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        Matcher token = TOKEN.matcher(created.body());
        assertThat(token.find()).isTrue();
        assertThat(api.getAsToken("/api/v1/incidents/999999999", token.group()).header("X-RateLimit-Limit")).isEqualTo("30");
    }

    private void signIn(String password) {
        browser.get(baseUrl() + "/admin/api-tokens");
        assertThat(browser.getCurrentUrl()).endsWith("/admin/login");
        WebElement username = browser.findElement(By.id("username"));
        username.clear();
        username.sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(password);
        button("Sign in").click();
    }

    private void awaitHeading(String text) {
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    private WebDriverWait await() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    private WebElement button(String text) {
        return browser.findElement(By.xpath("//button[normalize-space()='" + text + "']"));
    }

    private WebElement tokenRow(String name) {
        return browser.findElement(By.xpath("//tbody/tr[th[normalize-space()='" + name + "']]"));
    }

    /** The API's answer to the token once it has settled (a revocation reaches every node within a second). */
    private int statusWithin(Duration limit, String token) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        int status = api.getAsToken("/api/v1/incidents/999999999", token).status();
        while (status != 401 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = api.getAsToken("/api/v1/incidents/999999999", token).status();
        }
        return status;
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build();
    }

    private HttpRequest post(String path, String form) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("the form carries a CSRF token").isTrue();
        return form(matcher.group(1));
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
