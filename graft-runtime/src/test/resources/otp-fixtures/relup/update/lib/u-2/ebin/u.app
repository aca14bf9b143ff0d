{application,u,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['u.Srv','u.Sup','u.Soft','u.Cfg']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
