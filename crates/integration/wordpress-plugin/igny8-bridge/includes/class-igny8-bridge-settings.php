<?php
/**
 * The plugin's options: reading with defaults, validating and saving (REST and admin page).
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Bridge_Settings
{
    const API_BASE = 'igny8_api_base';
    const API_KEY = 'igny8_api_key';
    const INTEGRATION_ID = 'igny8_integration_id';
    const ENABLED = 'igny8_connection_enabled';
    const DEFAULT_STATUS = 'igny8_default_post_status';

    const DEFAULT_STATUSES = array('draft', 'publish');

    public static function add_defaults()
    {
        // add_option() leaves existing values alone. The key is never autoloaded.
        add_option(self::API_BASE, '', '', 'yes');
        add_option(self::API_KEY, '', '', 'no');
        add_option(self::INTEGRATION_ID, 0, '', 'yes');
        add_option(self::ENABLED, '1', '', 'yes');
        add_option(self::DEFAULT_STATUS, 'draft', '', 'yes');
    }

    /** Our API origin without a trailing slash, e.g. http://127.0.0.1:18080 ('' when unset). */
    public static function api_base()
    {
        return untrailingslashit(trim((string) get_option(self::API_BASE, '')));
    }

    public static function api_key()
    {
        return trim((string) get_option(self::API_KEY, ''));
    }

    public static function integration_id()
    {
        return max(0, (int) get_option(self::INTEGRATION_ID, 0));
    }

    public static function enabled()
    {
        $value = get_option(self::ENABLED, '1');
        if (is_bool($value)) {
            return $value;
        }
        return !in_array(strtolower(trim((string) $value)), array('0', '', 'false', 'no', 'off'), true);
    }

    public static function default_status()
    {
        $value = (string) get_option(self::DEFAULT_STATUS, 'draft');
        return in_array($value, self::DEFAULT_STATUSES, true) ? $value : 'draft';
    }

    /** Whether outgoing calls to the platform can be made at all. */
    public static function can_call_platform()
    {
        return self::api_base() !== '' && self::api_key() !== '';
    }

    /** The options as shown to admins: the key only as "set" plus its last 4 characters. */
    public static function to_public_array()
    {
        $key = self::api_key();
        return array(
            'api_base' => self::api_base(),
            'api_key_set' => $key !== '',
            'api_key_last4' => $key !== '' ? substr($key, -4) : null,
            'integration_id' => self::integration_id(),
            'connection_enabled' => self::enabled(),
            'default_post_status' => self::default_status(),
        );
    }

    /**
     * Validates then saves the given subset of settings (keys: api_base, api_key,
     * integration_id, connection_enabled, default_post_status; others are ignored).
     *
     * @return true|WP_Error
     */
    public static function apply(array $input)
    {
        $save = array();

        if (array_key_exists('api_base', $input)) {
            $base = is_string($input['api_base']) ? trim($input['api_base']) : null;
            if ($base === null) {
                return self::invalid('api_base', 'an http(s) URL');
            }
            if ($base !== '') {
                $parts = wp_parse_url($base);
                if (!filter_var($base, FILTER_VALIDATE_URL) || !is_array($parts)
                    || !in_array(strtolower(isset($parts['scheme']) ? $parts['scheme'] : ''), array('http', 'https'), true)
                    || empty($parts['host']) || isset($parts['query']) || isset($parts['fragment'])) {
                    return self::invalid('api_base', 'an http(s) URL such as https://api.igny8.com');
                }
            }
            $save[self::API_BASE] = untrailingslashit($base);
        }

        if (array_key_exists('api_key', $input)) {
            $key = is_string($input['api_key']) ? trim($input['api_key']) : null;
            if ($key === null || strlen($key) > 255 || preg_match('/\s/', $key)) {
                return self::invalid('api_key', 'a string without spaces (empty to remove the key)');
            }
            $save[self::API_KEY] = $key;
        }

        if (array_key_exists('integration_id', $input)) {
            $id = $input['integration_id'];
            if (is_string($id) && ctype_digit($id)) {
                $id = (int) $id;
            }
            if ($id === null || $id === '') {
                $id = 0;
            }
            if (!is_int($id) || $id < 0) {
                return self::invalid('integration_id', 'a non-negative integer');
            }
            $save[self::INTEGRATION_ID] = $id;
        }

        if (array_key_exists('connection_enabled', $input)) {
            $flag = self::to_bool($input['connection_enabled']);
            if ($flag === null) {
                return self::invalid('connection_enabled', 'a boolean');
            }
            $save[self::ENABLED] = $flag ? '1' : '0';
        }

        if (array_key_exists('default_post_status', $input)) {
            $status = $input['default_post_status'];
            if (!is_string($status) || !in_array($status, self::DEFAULT_STATUSES, true)) {
                return self::invalid('default_post_status', 'draft or publish');
            }
            $save[self::DEFAULT_STATUS] = $status;
        }

        foreach ($save as $option => $value) {
            update_option($option, $value, self::API_KEY === $option ? false : null);
        }
        return true;
    }

    /** @return bool|null */
    public static function to_bool($value)
    {
        if (is_bool($value)) {
            return $value;
        }
        if (is_int($value)) {
            return $value !== 0;
        }
        if (is_string($value)) {
            $v = strtolower(trim($value));
            if (in_array($v, array('1', 'true', 'yes', 'on'), true)) {
                return true;
            }
            if (in_array($v, array('0', 'false', 'no', 'off', ''), true)) {
                return false;
            }
        }
        return null;
    }

    private static function invalid($field, $expected)
    {
        return new WP_Error(
            'igny8_invalid_field',
            sprintf('Invalid field %s: expected %s.', $field, $expected),
            array('status' => 400, 'field' => $field)
        );
    }
}
