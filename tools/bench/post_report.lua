-- post_report.lua - wrk script of tools/bench.sh: report submission load.
--
-- Each wrk thread is one reporter's session with one connection (run wrk
-- with -t N -c N), saving its own draft report again and again: the form
-- as the report page posts it, with the session cookie, the session's CSRF
-- token and the version the form was drawn from. Every save the server
-- acknowledges (303) makes a new version, so the thread counts them; a
-- refused save (4xx, counted by wrk as an error) takes the current version
-- from the page sent back, so one error does not fail every later request.
--
-- BENCH_POST_TARGETS names a file with one line per session:
--   PATH SID CSRF VERSION FIELDS
-- PATH is /report/R/P/U, FIELDS the indicator inputs already URL-encoded
-- ("value_12=3&value_13=40") or "-" for none.

local targets = {}
local next_target = 0

function setup(thread)
   if #targets == 0 then
      local name = os.getenv("BENCH_POST_TARGETS")
      local f = assert(io.open(name, "r"), "cannot open BENCH_POST_TARGETS")
      for line in f:lines() do
         local path, sid, csrf, version, fields =
            line:match("^(%S+) (%S+) (%S+) (%d+) (%S+)$")
         if path then
            table.insert(targets, {path, sid, csrf, version, fields})
         end
      end
      f:close()
      assert(#targets > 0, "no targets in " .. name)
   end
   local t = targets[(next_target % #targets) + 1]
   next_target = next_target + 1
   thread:set("path", t[1])
   thread:set("sid", t[2])
   thread:set("csrf", t[3])
   thread:set("version", t[4])
   thread:set("fields", t[5])
end

local function urlencode(s)
   return (s:gsub("[^%w%-_%.~]", function(c)
      return string.format("%%%02X", string.byte(c))
   end))
end

local measures = "本季度召开专题推进会，逐项明确责任分工和时间节点；组织开展实地督导，现场协调解决问题。第"
local problems = urlencode("部分项目前期手续办理进度偏慢。")
local next_steps = urlencode("加快施工进度，确保按期完成年度目标。")
local saves = 0

function init(args)
   version = tonumber(version)
end

function request()
   saves = saves + 1
   local body = "csrf=" .. csrf .. "&version=" .. version .. "&action=save" ..
      "&measures=" .. urlencode(measures .. saves .. "次保存。") ..
      "&problems=" .. problems .. "&next_steps=" .. next_steps ..
      "&expected_completion="
   if fields ~= "-" then
      body = body .. "&" .. fields
   end
   return wrk.format("POST", path, {
      ["Cookie"] = "sid=" .. sid,
      ["Content-Type"] = "application/x-www-form-urlencoded",
   }, body)
end

function response(status, headers, body)
   if status == 303 then
      version = version + 1
   else
      local v = body and body:match('name="version" value="(%d+)"')
      if v then
         version = tonumber(v)
      end
   end
end
