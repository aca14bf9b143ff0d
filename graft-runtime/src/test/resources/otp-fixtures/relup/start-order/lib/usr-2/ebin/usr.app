{application,usr,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['usr.U']},
              {registered,[]},
              {applications,[kernel,stdlib,inc]}]}.
