-- wrk script: logins spread over many users (the per-handle limit is not what is measured), counting
-- answers by status: how a saturated host sheds load (503 at once) while it keeps logging people in.
local users = tonumber(os.getenv("USERS"))
local password = os.getenv("PASSWORD_MD5")
local counter = 0
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    statuses = {}
end

function request()
    counter = counter + 1
    local body = "handle=load" .. (counter % users) .. "%40example.com&password=" .. password
    return wrk.format("POST", nil, { ["app-token"] = os.getenv("APP_TOKEN") }, body)
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
    local total = {}
    for _, thread in ipairs(threads) do
        for status, count in pairs(thread:get("statuses")) do
            total[status] = (total[status] or 0) + count
        end
    end
    for status, count in pairs(total) do
        io.write(string.format("status %d: %d\n", status, count))
    end
end
