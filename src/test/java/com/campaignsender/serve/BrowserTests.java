package com.campaignsender.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.DatabaseNeutral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SPEC section 22 in a real browser: Debian's Chromium, headless, driven through its ChromeDriver
 * (both installed by {@code .ci/run}; nothing is downloaded at run time). Log in, upload a list,
 * review it, send it, watch the run finish, find a recipient, open the report; each view saved as
 * a screenshot in {@code target/screenshots/} (the README shows two of them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "campaign.server.token=" + BrowserTests.TOKEN })
@DirtiesContext
@DatabaseNeutral
class BrowserTests {

    static final String TOKEN = "browser-test-token-0123456789abcdef";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @LocalServerPort
    private int port;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
                options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorLogsInReviewsAListSendsItFindsARecipientAndOpensTheReport() throws Exception {
        browser.get(root() + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.name("token")).sendKeys(TOKEN);
        browser.findElement(By.cssSelector("form[action='/login'] button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Campaigns"));
        screenshot("front-page");

        browser.findElement(By.cssSelector("input[aria-label='recipient list for welcome-email']"))
                .sendKeys(Path.of("samples/recipients/welcome.csv").toAbsolutePath().toString());
        browser.findElement(By.cssSelector("form[action^='/campaigns/welcome-email/recipients'] button")).click();
        waitForText("Review before sending");
        assertThat(page()).contains("READY", "50 row(s) would be sent", "6 are rejected", "Row 1 to grace.thompson1@example.com",
                "List welcome.csv");
        screenshot("review");

        browser.findElement(By.xpath("//button[text()='Send']")).click();
        waitForText("Open the report");
        assertThat(page()).contains("COMPLETED", "56\nrows accounted for", "Top reasons");
        screenshot("run");

        browser.findElement(By.cssSelector("input[name='address']")).sendKeys("Bounce.Kim@example.com");
        browser.findElement(By.xpath("//button[text()='Find a recipient']")).click();
        waitForText("Runs that had this address");
        assertThat(page()).contains("BOUNCED", "hard bounce", "Suppressed", "the address is suppressed now");
        screenshot("recipient");

        browser.findElement(By.cssSelector("a[href^='/runs/']")).click();
        browser.findElement(By.linkText("Open the report")).click();
        waitForText("What to do next");
        assertThat(page()).contains("Every row is accounted for", "Rows the provider did not deliver", "bounce.kim@example.com");
        screenshot("report");
    }

    private void waitForText(String text) {
        wait.until(driver -> driver.findElement(By.tagName("body")).getText().contains(text));
    }

    private String page() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private void screenshot(String view) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(view + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private String root() {
        return "http://127.0.0.1:" + port;
    }
}
