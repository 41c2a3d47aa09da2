<?php
/**
 * Non-interactive install of one igny8-wp instance from php-cli (run by scripts/wordpress/wp.sh).
 *
 * Environment: IGNY8_WP_CONFIG, IGNY8_WP_PORT, IGNY8_WP_ADMIN_USER, IGNY8_WP_ADMIN_PASSWORD,
 * IGNY8_WP_ADMIN_EMAIL, IGNY8_WP_TITLE, IGNY8_WP_PLUGINS (space-separated plugin directory
 * names under wp-content/plugins to activate), IGNY8_WP_OUT (file that receives KEY=VALUE).
 */

$port = (string) getenv('IGNY8_WP_PORT');
$_SERVER['WORDPRESS_CONFIG'] = (string) getenv('IGNY8_WP_CONFIG');
$_SERVER['HTTP_HOST'] = '127.0.0.1:' . $port;
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = $port;
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';

define('WP_INSTALLING', true);

// No HTTP while installing: wp_install() probes the site over loopback for pretty permalinks
// (we set them ourselves) and nothing else here needs the network.
$GLOBALS['wp_filter']['pre_http_request'][10]['igny8_wp_setup_no_http'] = array(
    'function' => function () {
        return new WP_Error('igny8_wp_setup', 'HTTP is disabled during setup');
    },
    'accepted_args' => 0,
);

require_once '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

function igny8_wp_fail($message)
{
    fwrite(STDERR, "setup.php: $message\n");
    exit(1);
}

$user_login = (string) getenv('IGNY8_WP_ADMIN_USER');
$result = wp_install(
    (string) getenv('IGNY8_WP_TITLE'),
    $user_login,
    (string) getenv('IGNY8_WP_ADMIN_EMAIL'),
    false,
    '',
    wp_slash((string) getenv('IGNY8_WP_ADMIN_PASSWORD'))
);
if (empty($result['user_id'])) {
    igny8_wp_fail('wp_install() did not create the admin user');
}

global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
update_option('timezone_string', 'UTC');
// The first web request rebuilds the rules with every plugin loaded.
delete_option('rewrite_rules');

foreach (preg_split('/\s+/', trim((string) getenv('IGNY8_WP_PLUGINS'))) as $dir) {
    if ($dir === '') {
        continue;
    }
    $found = get_plugins('/' . $dir);
    if (!$found) {
        igny8_wp_fail("no plugin found in wp-content/plugins/$dir");
    }
    $file = $dir . '/' . array_keys($found)[0];
    $activated = activate_plugin($file);
    if (is_wp_error($activated)) {
        igny8_wp_fail("activating $file failed: " . $activated->get_error_message());
    }
}

$created = WP_Application_Passwords::create_new_application_password(
    (int) $result['user_id'],
    array('name' => 'igny8-wp tests')
);
if (is_wp_error($created)) {
    igny8_wp_fail('application password: ' . $created->get_error_message());
}

global $wp_version;
$out = 'WP_VERSION=' . $wp_version . "\n" . 'WP_APP_PASSWORD=' . $created[0] . "\n";
if (file_put_contents((string) getenv('IGNY8_WP_OUT'), $out) === false) {
    igny8_wp_fail('cannot write ' . getenv('IGNY8_WP_OUT'));
}
